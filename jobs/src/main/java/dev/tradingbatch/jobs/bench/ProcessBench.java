package dev.tradingbatch.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trader process. No long-running trader exists yet, so child JVMs stand for it, each on its own
 * copy of a prepared database ({@code traderCandles} 1m candles of one market, an RSI strategy declared
 * on it, {@code trading.now} just after its last candle), in a folder without {@code config/}.
 * Start-up: the wall time from starting {@code evaluate --strategy bench-rsi} to its exit (JVM,
 * application context with Flyway's check, the evaluation job on the newest candle with 154 candles
 * of warm-up, shutdown). Idle memory: {@code /proc/<pid>/status} of a JVM that started the
 * application context with the same configuration and then idles ({@code bench idle}). Baselines:
 * {@link IdleJvm} from the same jar and launcher. Run from the jar on JDK 25 or newer, and not with
 * {@code --quick}, the same two are also measured with the JDK's AOT cache, for the notes.
 */
final class ProcessBench {

    static final String STRATEGY = "bench-rsi";

    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;
    private final ChildJvms jvms = ChildJvms.ofThisProcess();

    ProcessBench(Path dir, Sizes sizes, PrintWriter progress) {
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    /** The start-up figure and the idle memory figure. */
    List<Figure> run(int repeat) throws Exception {
        RandomWalk.Series series = RandomWalk.generate(ReplayBench.MARKET, 0, sizes.traderCandles());
        Path prepared = dir.resolve("trader.db");
        SqliteFiles.migrate(prepared);
        try (Connection c = SqliteFiles.open(prepared)) {
            SqliteFiles.insertOurs(c, series, 50_000);
        }
        SqliteFiles.checkpointedSize(prepared);
        long now = series.end() + 1_000; // one second after the last candle closed
        List<Double> startup = new ArrayList<>();
        List<Double> bareStartup = new ArrayList<>();
        List<ChildRuns.Idle> idle = new ArrayList<>();
        List<Double> bareRss = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            boolean bareFirst = rep % 2 == 1;
            if (bareFirst) {
                bareStartup.add(ChildRuns.toExit(jvms.main(IdleJvm.class, "exit"), dir, null));
            }
            startup.add(evaluate(jvms, List.of(), prepared, now, rep));
            if (!bareFirst) {
                bareStartup.add(ChildRuns.toExit(jvms.main(IdleJvm.class, "exit"), dir, null));
            }
            idle.add(idle(jvms, List.of(), prepared, now, rep));
            bareRss.add(ChildRuns.idle(jvms.main(IdleJvm.class), dir, sizes.idleSettleMillis()).rss());
            progress.printf("process %d/%d: evaluate %s s (bare JVM %s s), idle RSS %s MiB (bare JVM %s MiB)%n",
                    rep + 1, repeat, Figure.number(startup.getLast()), Figure.number(bareStartup.getLast()),
                    Figure.number(idle.getLast().rss()), Figure.number(bareRss.getLast()));
        }
        String aot = aotCache(repeat, prepared, now);
        String how = "children: " + jvms.describe() + ", JVM defaults (no -Xmx; this machine's ergonomics), a "
                + "working folder without config/, their own copy of the prepared database";
        return List.of(
                new Figure("start-up", "s", startup, bareStartup, Figure.Goal.atMost(3, "s"), List.of(
                        "ours: wall time from starting `evaluate --strategy " + STRATEGY + "` to its exit: JVM start, "
                                + "application context (Flyway validates the schema), the evaluation job on the newest "
                                + "of %,d stored 1m candles (154 of warm-up), shutdown".formatted(sizes.traderCandles()),
                        "baseline: a main that returns at once, from the same jar and launcher", how, aot)),
                new Figure("idle RSS", "MiB", idle.stream().map(ChildRuns.Idle::rss).toList(), bareRss,
                        Figure.Goal.atMost(200, "MiB"), List.of(
                        "ours: VmRSS of a JVM that started the application context (`bench idle`: same database and "
                                + "strategy) and then idled " + sizes.idleSettleMillis() + " ms; of it anonymous "
                                + Figure.number(Figure.median(idle.stream().map(ChildRuns.Idle::anonymous).toList()))
                                + " MiB, file-backed " + Figure.number(Figure.median(idle.stream()
                                .map(ChildRuns.Idle::file).toList())) + " MiB (medians); it was ready after "
                                + Figure.number(Figure.median(idle.stream().map(ChildRuns.Idle::ready).toList())) + " s",
                        "baseline: VmRSS of an idle main from the same jar and launcher, same wait", how)));
    }

    /** Seconds {@code evaluate} took from start to exit on a fresh copy of the prepared database. */
    private double evaluate(ChildJvms children, List<String> options, Path prepared, long now, int rep)
            throws IOException, InterruptedException {
        Map<String, String> properties = properties(copy(prepared, "trader-" + rep + ".db"), now);
        return ChildRuns.toExit(children.cli(options, properties, "evaluate", "--strategy", STRATEGY), dir,
                "evaluated up to");
    }

    private ChildRuns.Idle idle(ChildJvms children, List<String> options, Path prepared, long now, int rep)
            throws IOException, InterruptedException {
        Map<String, String> properties = properties(copy(prepared, "trader-idle-" + rep + ".db"), now);
        return ChildRuns.idle(children.cli(options, properties, "bench", "idle"), dir, sizes.idleSettleMillis());
    }

    /**
     * The same start-up and idle memory with the JDK's ahead-of-time cache (JDK 25): the jar extracted
     * by Spring Boot (the cache cannot hold classes loaded from nested jars), one training run of
     * {@code evaluate} writing the cache, then runs with {@code -XX:AOTCache}. A note for the report.
     */
    private String aotCache(int repeat, Path prepared, long now) throws IOException, InterruptedException {
        if (sizes.quick() || jvms.jar().isEmpty() || Runtime.version().feature() < 25) {
            return "with the JDK's AOT cache: not measured (needs the packaged jar, JDK 25 and the issue's sizes)";
        }
        Path extracted = dir.resolve("extracted");
        ChildRuns.toExit(jvms.extract(extracted), dir, null);
        ChildJvms plain = jvms.withJar(extracted.resolve(jvms.jar().get().getFileName()));
        Path cache = dir.resolve("trader.aot");
        evaluate(plain, List.of("-XX:AOTCacheOutput=" + cache), prepared, now, 100);
        List<String> options = List.of("-XX:AOTCache=" + cache);
        List<Double> startup = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            startup.add(evaluate(plain, options, prepared, now, 101 + rep));
            rss.add(idle(plain, options, prepared, now, 101 + rep).rss());
        }
        progress.printf("process, AOT cache: evaluate %s s, idle RSS %s MiB%n", Figure.number(Figure.median(startup)),
                Figure.number(Figure.median(rss)));
        return "with the JDK's AOT cache (`java -Djarmode=tools -jar trading-batch.jar extract`, one training run with "
                + "-XX:AOTCacheOutput, then -XX:AOTCache; " + Files.size(cache) / (1024 * 1024) + " MiB file): start-up "
                + Figure.number(Figure.median(startup)) + " s, idle RSS " + Figure.number(Figure.median(rss))
                + " MiB (medians of " + repeat + ")";
    }

    private Path copy(Path prepared, String name) throws IOException {
        Path copy = dir.resolve(name);
        SqliteFiles.delete(copy);
        Files.copy(prepared, copy);
        return copy;
    }

    private static Map<String, String> properties(Path database, long now) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", "jdbc:sqlite:" + database.toAbsolutePath());
        p.put("trading.now", Long.toString(now));
        String key = "trading.strategies." + STRATEGY + ".";
        p.put(key + "exchange", ReplayBench.MARKET.exchange());
        p.put(key + "symbol", ReplayBench.MARKET.symbol());
        p.put(key + "timeframe", ReplayBench.MARKET.timeframe().code());
        p.put(key + "type", "rsi");
        p.put(key + "stake", "1000");
        return p;
    }
}
