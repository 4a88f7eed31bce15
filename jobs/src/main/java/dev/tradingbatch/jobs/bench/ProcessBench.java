package dev.tradingbatch.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trader process. No long-running trader exists yet, so two child JVMs stand for it, each on its own
 * copy of a prepared database ({@code traderCandles} 1m candles of one market, an RSI strategy declared
 * on it, {@code trading.now} just after its last candle). Start-up: the wall time from starting
 * {@code evaluate --strategy bench-rsi} to its exit (JVM, application context with Flyway's check,
 * the evaluation job on the newest candle with 154 candles of warm-up, shutdown). Idle memory: VmRSS
 * from {@code /proc/<pid>/status} of a JVM that started the application context (the same
 * configuration) and then idles. Baselines: {@link IdleJvm} from the same jar and launcher.
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
        List<Double> rss = new ArrayList<>();
        List<Double> bareRss = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            Map<String, String> properties = properties(copy(prepared, "trader-" + rep + ".db"), now);
            boolean bareFirst = rep % 2 == 1;
            if (bareFirst) {
                bareStartup.add(runToExit(jvms.main(IdleJvm.class, "exit"), null));
            }
            startup.add(runToExit(jvms.cli(properties, "evaluate", "--strategy", STRATEGY), "evaluated up to"));
            if (!bareFirst) {
                bareStartup.add(runToExit(jvms.main(IdleJvm.class, "exit"), null));
            }
            Map<String, String> idleProperties = properties(copy(prepared, "trader-idle-" + rep + ".db"), now);
            double[] idle = idleRss(jvms.cli(idleProperties, "bench", "idle"));
            rss.add(idle[0]);
            ready.add(idle[1]);
            bareRss.add(idleRss(jvms.main(IdleJvm.class))[0]);
            progress.printf("process %d/%d: evaluate %s s (bare JVM %s s), idle RSS %s MiB (bare JVM %s MiB)%n",
                    rep + 1, repeat, Figure.number(startup.getLast()), Figure.number(bareStartup.getLast()),
                    Figure.number(rss.getLast()), Figure.number(bareRss.getLast()));
        }
        String how = "children: " + jvms.describe() + ", JVM defaults (no -Xmx; this machine's ergonomics), "
                + "working folder without config/, own copy of the prepared database per child";
        return List.of(
                new Figure("start-up", "s", startup, bareStartup, Figure.Goal.atMost(3, "s"), List.of(
                        "ours: wall time from starting `evaluate --strategy " + STRATEGY + "` to its exit: JVM start, "
                                + "application context (Flyway validates the schema), the evaluation job on the newest "
                                + "of %,d stored 1m candles (154 of warm-up), shutdown".formatted(sizes.traderCandles()),
                        "baseline: a main that returns at once, from the same jar and launcher", how)),
                new Figure("idle RSS", "MiB", rss, bareRss, Figure.Goal.atMost(200, "MiB"), List.of(
                        "ours: VmRSS of a JVM that started the application context (`bench idle`: same database and "
                                + "strategy) and idled " + sizes.idleSettleMillis() + " ms; it was ready after "
                                + Figure.number(Figure.median(ready)) + " s (median)",
                        "baseline: VmRSS of an idle main from the same jar and launcher, same wait", how)));
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

    /** Seconds from starting the command to its exit; its output must contain {@code expected} when given. */
    private double runToExit(List<String> command, String expected) throws Exception {
        Path log = dir.resolve("child.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("a child JVM did not exit within 120 s: " + command);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (p.exitValue() != 0 || (expected != null && !output.contains(expected))) {
            throw new IllegalStateException("a child JVM failed (exit " + p.exitValue() + "): " + command + "\n" + output);
        }
        return seconds;
    }

    /** [VmRSS in MiB after the idle wait, seconds until the process said it was ready]. */
    private double[] idleRss(List<String> command) throws Exception {
        Path log = dir.resolve("child-idle.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(log.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // log lines before the context is up
            }
            if (line == null) {
                throw new IllegalStateException("an idle child JVM exited before it was ready: " + command + "\n"
                        + Files.readString(log));
            }
            double ready = (System.nanoTime() - start) / 1e9;
            Thread.sleep(sizes.idleSettleMillis());
            return new double[] {vmRssKiB(p.pid()) / 1024.0, ready};
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** VmRSS of a process, KiB, from {@code /proc/<pid>/status} (Linux). */
    static long vmRssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }
}
