package dev.tradingbatch.bench;

import dev.tradingbatch.jobs.optimize.OptimizeService;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategySpec;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A sweep of RSI parameter sets over one stored series. Ours: the real sweep ({@link OptimizeService#run}, the
 * {@code optimize} command without its JVM and context start): the {@code optimizeStrategyJob}, its candles read
 * once from SQLite and its partitions on every core, each set run as {@code replay --param ...} runs it, every set's
 * figures stored in {@code sweep_results}; each repetition sweeps a strategy of its own id, since the same sweep
 * again is read back, not computed. Baseline: the same sets one after another, each a strategy built by
 * {@link StrategySpec#build} run by ta4j's {@link BarSeriesManager} with {@link TradeOnCurrentCloseModel} on the
 * same bars in memory. Both counted in sets x candles per second (every candle of the series, each set). A small
 * untimed sweep and baseline first (the JIT's warm-up). The heap each holds is read from the collector
 * ({@link HeapPeak}).
 */
final class SweepBench {

    static final MarketKey MARKET = new MarketKey("binance", RandomWalk.symbol(0), Timeframe.M1);

    private final Function<Map<String, Object>, ConfigurableApplicationContext> contexts;
    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    SweepBench(Function<Map<String, Object>, ConfigurableApplicationContext> contexts, Path dir, Sizes sizes,
               PrintWriter progress) {
        this.contexts = contexts;
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    /** The sweep's figure (sets x candles per second) and its peak heap (MiB), each against the baseline's. */
    List<Figure> run(int repeat) throws Exception {
        RandomWalk.Series series = RandomWalk.generate(MARKET, 0, sizes.sweepCandles());
        Path file = dir.resolve("sweep.db");
        long start = System.nanoTime();
        SqliteFiles.migrate(file);
        try (Connection c = SqliteFiles.open(file)) {
            SqliteFiles.insertOurs(c, series, 50_000);
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        List<String> params = sizes.sweepParams();
        List<StrategySpec> sets = grid(params);
        int n = series.size();
        double work = (double) sets.size() * n;

        List<Double> ours = new ArrayList<>();
        List<Double> ta4j = new ArrayList<>();
        List<Double> oursHeap = new ArrayList<>();
        List<Double> ta4jHeap = new ArrayList<>();
        List<Double> oursHighWater = new ArrayList<>();
        List<Double> ta4jHighWater = new ArrayList<>();
        String settings = SqliteFiles.settings(file);
        int threads = Runtime.getRuntime().availableProcessors();
        try (ConfigurableApplicationContext ctx = contexts.apply(properties(file, repeat))) {
            OptimizeService sweeps = ctx.getBean(OptimizeService.class);
            List<String> warmUp = List.of("period=14,20");
            sweep(sweeps, 0, warmUp, 2);
            BarSeries bars = ReplayBench.bars(series);
            baseline(bars, grid(warmUp));
            for (int rep = 1; rep <= repeat; rep++) {
                if (rep % 2 == 0) {
                    baseline(bars, sets, ta4j, ta4jHeap, ta4jHighWater, work);
                }
                int id = rep;
                HeapPeak.Measured m = HeapPeak.measure(() -> sweep(sweeps, id, params, sets.size()));
                ours.add(work / m.seconds());
                oursHeap.add(m.retainedMiB());
                oursHighWater.add(m.highWaterMiB());
                if (rep % 2 == 1) {
                    baseline(bars, sets, ta4j, ta4jHeap, ta4jHighWater, work);
                }
                progress.printf("sweep %d/%d: optimizeStrategyJob %s sets x candles/s (heap retained %s MiB), "
                                + "ta4j BarSeriesManager one set after another %s (heap retained %s MiB)%n", rep, repeat,
                        Figure.number(ours.getLast()), Figure.number(oursHeap.getLast()),
                        Figure.number(ta4j.getLast()), Figure.number(ta4jHeap.getLast()));
            }
        }
        SqliteFiles.delete(file);
        String data = "%,d sets (the grid %s of RSI, stop-loss and take-profit off) over %,d 1m candles of one series "
                .formatted(sets.size(), String.join(" ", params), n)
                + "(generated, stored with plain batched inserts in %.1f s), stake 1000, fee 0.001, no slippage; "
                .formatted(buildSeconds)
                + "sets x candles counts every candle of the series for each set (a set's own warm-up included)";
        Figure speed = new Figure("sweep", "sets*candles/s", ours, ta4j, Figure.Goal.ratioAtLeast(4), List.of(data,
                "ours: OptimizeService.run in a started application: its checks, then the optimizeStrategyJob with "
                        + "its partitions on " + threads + " threads (the machine's cores; " + threads
                        + " x 4 slices of the sets), the candles read from SQLite once per sweep, each set through "
                        + "Backtest (the replay's path), the figures of every set stored in sweep_results; baseline: "
                        + "for each set in turn, BarSeriesManager(series, TradeOnCurrentCloseModel).run(strategy) on "
                        + "the same bars in memory (DoubleNum, built before the clock starts), one thread",
                "SQLite: " + settings));
        Figure heap = new Figure("sweep heap", "MiB", oursHeap, ta4jHeap, Figure.Goal.none(), List.of(
                "the most heap left in use after a collection while the sweep ran (the collector's reports; one "
                        + "collection forced before and one after), against the same for the baseline's sets (its "
                        + "bars in memory included); the heap's high-water mark, garbage included (medians): ours "
                        + Figure.number(Figure.median(oursHighWater)) + " MiB, baseline "
                        + Figure.number(Figure.median(ta4jHighWater)) + " MiB; maximum heap "
                        + Math.round(Runtime.getRuntime().maxMemory() / 1048576.0) + " MiB",
                "what the sweep holds: the candles once per sweep execution, shared by every set; per set only "
                        + "while it is computed, its trader's window of bars, its fills and its figures; no result "
                        + "per candle and set is kept"));
        return List.of(speed, heap);
    }

    /** Runs the baseline once, adding its speed and peak heap. */
    private static void baseline(BarSeries bars, List<StrategySpec> sets, List<Double> speeds, List<Double> heaps,
                                 List<Double> highWaters, double work) {
        HeapPeak.Measured m = HeapPeak.measure(() -> baseline(bars, sets));
        speeds.add(work / m.seconds());
        heaps.add(m.retainedMiB());
        highWaters.add(m.highWaterMiB());
    }

    /** The sets one after another on the bars in memory. */
    private static void baseline(BarSeries bars, List<StrategySpec> sets) {
        int positions = 0;
        for (StrategySpec set : sets) {
            Strategy strategy = set.build(bars);
            TradingRecord record = new BarSeriesManager(bars, new TradeOnCurrentCloseModel()).run(strategy);
            positions += record.getPositionCount();
        }
        if (positions == 0) {
            throw new IllegalStateException("the ta4j baseline made no trade");
        }
    }

    /** Sweeps strategy bench-sweep-{i} with {@code params}, checking that every set was stored. */
    private static void sweep(OptimizeService sweeps, int i, List<String> params, int sets) {
        OptimizeService.Outcome outcome = sweeps.run(new OptimizeService.Request("bench-sweep-" + i, params, null,
                null, null, null, 0, null, null, 1, false));
        if (outcome.status() != BatchStatus.COMPLETED || !outcome.computed() || outcome.stored() != sets) {
            throw new IllegalStateException("the benchmark's sweep did not complete: " + outcome.status() + ", "
                    + outcome.stored() + " of " + sets + " sets stored: " + outcome.message());
        }
    }

    /** The grid's sets as the sweep makes them (every combination; here none refused). */
    static List<StrategySpec> grid(List<String> params) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new HashMap<>());
        for (String param : params) {
            String name = param.substring(0, param.indexOf('='));
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String value : values(param.substring(param.indexOf('=') + 1))) {
                    Map<String, String> m = new HashMap<>(c);
                    m.put(name, value);
                    next.add(m);
                }
            }
            combinations = next;
        }
        return combinations.stream().map(c -> StrategySpec.of("rsi", c)).toList();
    }

    /** {@code 20,30} or {@code 5..50:5} (whole numbers). */
    private static List<String> values(String spec) {
        if (!spec.contains("..")) {
            return List.of(spec.split(","));
        }
        int from = Integer.parseInt(spec.substring(0, spec.indexOf("..")));
        int to = Integer.parseInt(spec.substring(spec.indexOf("..") + 2, spec.indexOf(':')));
        int step = Integer.parseInt(spec.substring(spec.indexOf(':') + 1));
        List<String> values = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            values.add(Integer.toString(v));
        }
        return values;
    }

    /** Strategies bench-sweep-0 (the warm-up) to bench-sweep-{repeat}, one per sweep, declared with RSI defaults. */
    private static Map<String, Object> properties(Path file, int repeat) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:sqlite:" + file.toAbsolutePath());
        for (int i = 0; i <= repeat; i++) {
            String key = "trading.strategies.bench-sweep-" + i + ".";
            p.put(key + "exchange", MARKET.exchange());
            p.put(key + "symbol", MARKET.symbol());
            p.put(key + "timeframe", MARKET.timeframe().code());
            p.put(key + "type", "rsi");
            p.put(key + "stake", "1000");
        }
        return p;
    }
}
