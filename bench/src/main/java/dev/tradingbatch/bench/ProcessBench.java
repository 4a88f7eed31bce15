package dev.tradingbatch.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A trader process as the container image runs it: {@code run --role trader --strategy bench-rsi}, the
 * service of docker/compose.yaml's traders, started as docker/Dockerfile starts it ({@link ImageLayout}:
 * extracted jar, the image's {@code java.options}, its AOT cache trained the image's way), each run on its
 * own copy of a prepared database ({@code traderCandles} 1m candles of one market, an RSI strategy declared
 * on it, {@code trading.now} just after its last candle, so that its fire at start evaluates the newest
 * candle), in a folder without {@code config/}. Start-up: from starting the process to its log line saying
 * the strategy was evaluated (JVM, application context with Flyway's check, Quartz, the evaluation job on
 * the newest candle with 154 candles of warm-up). Idle memory: {@code /proc/<pid>/status} of the same
 * process after it has idled a while; then SIGTERM, and it must exit 0. Baselines: {@link IdleJvm} from a copy of
 * the same jar with it added, with the same options file. The same trader started with plain {@code java -jar}
 * and the JVM's defaults is measured beside it, for the notes.
 */
final class ProcessBench {

    static final String STRATEGY = "bench-rsi";
    /** What {@code ScheduledWork} logs once the trader's evaluation has run. */
    static final String EVALUATED = "evaluate " + STRATEGY + " (";

    private final ChildJvms jvms;
    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    ProcessBench(ChildJvms jvms, Path dir, Sizes sizes, PrintWriter progress) {
        this.jvms = jvms;
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
        Path training = copy(prepared, "trader-training.db");
        ImageLayout image = ImageLayout.prepare(jvms, dir.resolve("app"),
                (children, options) -> trader(children, options, training, now), dir);
        Path idle = IdleJvm.jar(image.jvms().extractedJar(), dir.resolve("idle.jar"));
        List<ChildRuns.Measured> ours = new ArrayList<>();
        List<ChildRuns.Measured> plain = new ArrayList<>();
        List<Double> bareStartup = new ArrayList<>();
        List<Double> bareRss = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            boolean bareFirst = rep % 2 == 1;
            if (bareFirst) {
                bare(image, idle, bareStartup, bareRss);
            }
            ours.add(service(image.jvms(), image.options(), prepared, now, "trader-" + rep + ".db"));
            plain.add(service(jvms, List.of(), prepared, now, "trader-plain-" + rep + ".db"));
            if (!bareFirst) {
                bare(image, idle, bareStartup, bareRss);
            }
            progress.printf("process %d/%d: trader evaluated after %s s (bare JVM %s s), idle RSS %s MiB (bare JVM %s MiB); "
                            + "plain java -jar: %s s, %s MiB%n", rep + 1, repeat, Figure.number(ours.getLast().ready()),
                    Figure.number(bareStartup.getLast()), Figure.number(ours.getLast().rss()),
                    Figure.number(bareRss.getLast()), Figure.number(plain.getLast().ready()),
                    Figure.number(plain.getLast().rss()));
        }
        String how = "ours: " + image.describe() + "; a working folder without config/, each run on its own copy of the "
                + "prepared database";
        String defaults = "the same trader started with plain `" + jvms.describe() + "` and the JVM's defaults (no "
                + "options: G1, a quarter of this machine's memory as maximum heap, no AOT cache): start-up "
                + Figure.number(median(plain, ChildRuns.Measured::ready)) + " s, idle RSS "
                + Figure.number(median(plain, ChildRuns.Measured::rss)) + " MiB (medians; repetitions "
                + plain.stream().map(r -> Figure.number(r.ready()) + " s/" + Figure.number(r.rss()) + " MiB").toList() + ")";
        return List.of(
                new Figure("start-up", "s", ours.stream().map(ChildRuns.Measured::ready).toList(), bareStartup,
                        Figure.Goal.atMost(3, "s"), List.of(
                        "ours: a trader, `run --role trader --strategy " + STRATEGY + "` (the command of compose's traders): "
                                + "wall time from starting it to its log line `" + EVALUATED + "...): 1 candle evaluated "
                                + "up to ...`: JVM start, application context (Flyway validates the schema), Quartz, the fire "
                                + "at start running the evaluation job on the newest of %,d stored 1m candles (154 of "
                                .formatted(sizes.traderCandles()) + "warm-up)",
                        "baseline: a main that returns at once, from the same jar with the same options file (a copy of the "
                                + "jar with the bench's main added)", how,
                        defaults)),
                new Figure("idle RSS", "MiB", ours.stream().map(ChildRuns.Measured::rss).toList(), bareRss,
                        Figure.Goal.atMost(200, "MiB"), List.of(
                        "ours: VmRSS of the same trader process once it had evaluated and idled " + sizes.idleSettleMillis()
                                + " ms (then SIGTERM: it exited 0); of it anonymous "
                                + Figure.number(median(ours, ChildRuns.Measured::anonymous)) + " MiB, file-backed "
                                + Figure.number(median(ours, ChildRuns.Measured::file)) + " MiB (medians)",
                        "baseline: VmRSS of an idle main from the same jar with the same options file, same wait", how,
                        defaults)));
    }

    /** The baselines: an empty main ({@code idle}: its jar) with the image's options file, to its exit, then idle. */
    private void bare(ImageLayout image, Path idle, List<Double> startup, List<Double> rss)
            throws IOException, InterruptedException {
        startup.add(ChildRuns.toExit(image.jvms().main(image.optionsFileOnly(), IdleJvm.class, idle, "exit"), dir, null));
        rss.add(ChildRuns.idle(image.jvms().main(image.optionsFileOnly(), IdleJvm.class, idle), dir,
                sizes.idleSettleMillis()).rss());
    }

    /** A trader on a fresh copy of the prepared database, started, measured once it has evaluated, and stopped. */
    private ChildRuns.Measured service(ChildJvms children, List<String> options, Path prepared, long now, String copy)
            throws IOException, InterruptedException {
        return ChildRuns.service(trader(children, options, copy(prepared, copy), now), dir, EVALUATED,
                "1 candle evaluated up to", sizes.idleSettleMillis());
    }

    /** The trader's command line on {@code database}. */
    private static List<String> trader(ChildJvms children, List<String> options, Path database, long now) {
        return children.cli(options, properties(database, now), "run", "--role", "trader", "--strategy", STRATEGY);
    }

    private static double median(List<ChildRuns.Measured> runs, ToDoubleFunction<ChildRuns.Measured> value) {
        return Figure.median(runs.stream().map(value::applyAsDouble).toList());
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
