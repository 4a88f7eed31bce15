package dev.tradingbatch.bench;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.replay.ReplayService;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategySpec;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.DoubleNumFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replay of an RSI strategy (period 14, oversold 30, overbought 70) over one stored series. Ours: the
 * real replay job ({@link ReplayService#run}, the {@code replay} command without its JVM and context
 * start), which streams the candles from SQLite through {@link PaperTrader} and stores the trades;
 * each repetition replays a strategy of its own id, since the same replay again is not repeated.
 * Baseline: ta4j's {@link BarSeriesManager} with {@link TradeOnCurrentCloseModel} (our execution
 * model: trade on the signal candle's close) running the same strategy, built by
 * {@link StrategySpec#build}, on the same bars held in memory. One untimed run of each first.
 */
final class ReplayBench {

    static final MarketKey MARKET = new MarketKey("binance", RandomWalk.symbol(0), Timeframe.M1);

    private final Function<Map<String, Object>, ConfigurableApplicationContext> contexts;
    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    ReplayBench(Function<Map<String, Object>, ConfigurableApplicationContext> contexts, Path dir, Sizes sizes,
                PrintWriter progress) {
        this.contexts = contexts;
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    Figure run(int repeat) throws Exception {
        RandomWalk.Series series = RandomWalk.generate(MARKET, 0, sizes.replayCandles());
        Path file = dir.resolve("replay.db");
        long start = System.nanoTime();
        SqliteFiles.migrate(file);
        try (Connection c = SqliteFiles.open(file)) {
            SqliteFiles.insertOurs(c, series, 50_000);
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        BarSeries bars = bars(series);
        StrategySpec spec = StrategySpec.of("rsi", Map.of());
        int n = series.size();

        List<Double> ours = new ArrayList<>();
        List<Double> ta4j = new ArrayList<>();
        List<Double> streamOnly = new ArrayList<>();
        List<Double> traderOnly = new ArrayList<>();
        List<Double> checks = new ArrayList<>();
        List<Double> replaySeconds = new ArrayList<>();
        String settings = SqliteFiles.settings(file);
        try (ConfigurableApplicationContext ctx = contexts.apply(properties(file, repeat))) {
            ReplayService replays = ctx.getBean(ReplayService.class);
            CandleRepository candles = ctx.getBean(CandleRepository.class);
            replay(replays, 0);
            baseline(bars, spec);
            for (int rep = 1; rep <= repeat; rep++) {
                if (rep % 2 == 0) {
                    ta4j.add(n / baseline(bars, spec));
                }
                replaySeconds.add(replay(replays, rep));
                ours.add(n / replaySeconds.getLast());
                if (rep % 2 == 1) {
                    ta4j.add(n / baseline(bars, spec));
                }
                streamOnly.add(n / stream(candles, series));
                traderOnly.add(n / trader(spec, series));
                checks.add(checks(candles, series));
                progress.printf("replay %d/%d: job %s candles/s, ta4j BarSeriesManager %s candles/s%n", rep, repeat,
                        Figure.number(ours.getLast()), Figure.number(ta4j.getLast()));
            }
        }
        SqliteFiles.delete(file);
        return new Figure("replay", "candles/s", ours, ta4j,
                Figure.Goal.ratioAtLeast(0.7).and(Figure.Goal.atLeast(1_000_000, "candles/s")), List.of(
                "%,d 1m candles of one series (generated, stored with plain batched inserts in %.1f s); RSI period 14, "
                        .formatted(n, buildSeconds)
                        + "oversold 30, overbought 70, stake 1000, fee 0.001, no slippage; all candles counted (the "
                        + "first 154 only warm up)",
                "ours: ReplayService.run in a started application: checks, the replayStrategyJob (candles streamed "
                        + "from SQLite on a read-ahead thread as stored integers, doubles for the indicators, "
                        + "PaperTrader one candle behind, exact decimals for fills, metrics, trades stored); baseline: "
                        + "BarSeriesManager(series, TradeOnCurrentCloseModel).run(strategy) on the same bars in "
                        + "memory (DoubleNum), bars built before the clock starts",
                "where our time goes (medians, candles/s): streaming the stored candles from SQLite alone "
                        + Figure.number(Figure.median(streamOnly)) + "; PaperTrader alone on the same candles in memory "
                        + Figure.number(Figure.median(traderOnly)) + "; the checks ReplayService.run makes before the "
                        + "job starts (the market's first and newest candle, and whether the range holds any: three "
                        + "index lookups) take "
                        + Figure.number(Figure.median(checks)) + " s of the replay's "
                        + Figure.number(Figure.median(replaySeconds))
                        + " s",
                "SQLite: " + settings));
    }

    /** Strategies bench-rsi-0 (the warm-up) to bench-rsi-{repeat}, one per replay. */
    private static Map<String, Object> properties(Path file, int repeat) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:sqlite:" + file.toAbsolutePath());
        for (int i = 0; i <= repeat; i++) {
            String key = "trading.strategies.bench-rsi-" + i + ".";
            p.put(key + "exchange", MARKET.exchange());
            p.put(key + "symbol", MARKET.symbol());
            p.put(key + "timeframe", MARKET.timeframe().code());
            p.put(key + "type", "rsi");
            p.put(key + "stake", "1000");
        }
        return p;
    }

    /** Seconds the replay of strategy bench-rsi-{i} over every stored candle took. */
    private static double replay(ReplayService replays, int i) {
        StringWriter out = new StringWriter();
        long start = System.nanoTime();
        ReplayService.Outcome outcome = replays.run("bench-rsi-" + i, null, null, List.of());
        new PrintWriter(out, true).println(outcome);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (outcome.status() != BatchStatus.COMPLETED || outcome.evaluated() == 0) {
            throw new IllegalStateException("the benchmark's replay did not complete: " + out);
        }
        return seconds;
    }

    /**
     * Seconds the replay's checks take: the first and newest stored candle and whether the range holds
     * any, the statements {@code ReplayService.run} makes before it starts the job.
     */
    private static double checks(CandleRepository candles, RandomWalk.Series series) {
        long start = System.nanoTime();
        candles.firstOpenTime(MARKET);
        candles.latestOpenTime(MARKET);
        candles.anyIn(MARKET, RandomWalk.T0, series.end());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds ta4j's BarSeriesManager took to run a newly built strategy over the bars. */
    private static double baseline(BarSeries bars, StrategySpec spec) {
        Strategy strategy = spec.build(bars);
        long start = System.nanoTime();
        TradingRecord record = new BarSeriesManager(bars, new TradeOnCurrentCloseModel()).run(strategy);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (record.getPositionCount() == 0) {
            throw new IllegalStateException("the ta4j baseline made no trade");
        }
        return seconds;
    }

    /** Seconds to stream and decode every candle of the series from the database, doing nothing else. */
    private static double stream(CandleRepository candles, RandomWalk.Series series) {
        long[] count = new long[1];
        long start = System.nanoTime();
        candles.forEachStored(MARKET, RandomWalk.T0, series.end(), c -> count[0] += c.openTime());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds a PaperTrader took over the series' candles in memory (no database), the way the replay feeds it. */
    private static double trader(StrategySpec spec, RandomWalk.Series series) {
        PaperTrader trader = new PaperTrader(spec, Timeframe.M1, FillModel.of(new BigDecimal("1000"),
                new BigDecimal("0.001"), BigDecimal.ZERO, null));
        int warmUp = spec.warmUpBars();
        long start = System.nanoTime();
        for (int i = 0; i < series.size(); i++) {
            StoredCandle c = stored(series, i);
            if (i < warmUp) {
                trader.warmUp(c);
            } else {
                trader.onCandleAhead(c);
            }
        }
        trader.finishAhead();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Candle i as the replay reads it from the database. */
    private static StoredCandle stored(RandomWalk.Series s, int i) {
        return new StoredCandle(s.time(i), s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i],
                s.priceScale(), s.volumeScale());
    }

    static Candle candle(RandomWalk.Series s, int i) {
        int ps = s.priceScale();
        return new Candle(s.time(i), BigDecimal.valueOf(s.open()[i], ps), BigDecimal.valueOf(s.high()[i], ps),
                BigDecimal.valueOf(s.low()[i], ps), BigDecimal.valueOf(s.close()[i], ps),
                BigDecimal.valueOf(s.volume()[i], s.volumeScale()));
    }

    /** The series as ta4j bars of doubles, as {@code PaperTrader} builds them from the stored decimals. */
    static BarSeries bars(RandomWalk.Series s) {
        BarSeries bars = new BaseBarSeriesBuilder().withName("baseline").withNumFactory(DoubleNumFactory.getInstance())
                .build();
        Duration period = Duration.ofMillis(RandomWalk.STEP);
        for (int i = 0; i < s.size(); i++) {
            Candle c = candle(s, i);
            bars.addBar(new BaseBar(period, Instant.ofEpochMilli(c.openTime()), null, DoubleNum.valueOf(c.open()),
                    DoubleNum.valueOf(c.high()), DoubleNum.valueOf(c.low()), DoubleNum.valueOf(c.close()),
                    DoubleNum.valueOf(c.volume()), DoubleNum.ZERO, 0));
        }
        return bars;
    }
}
