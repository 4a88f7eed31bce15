package dev.tradingbatch.bench;

import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code bench}: measures every figure of the benchmark issue against a baseline run on the same
 * machine in the same run, {@code repeat} times, in a scratch folder deleted afterwards. Every
 * database connection has the application's SQLite settings; the data are seeded random walks
 * ({@link RandomWalk}).
 */
public final class Benchmarks {

    private final Function<Map<String, Object>, ConfigurableApplicationContext> contexts;

    /** {@code contexts} starts the application with the given properties winning over all others. */
    public Benchmarks(Function<Map<String, Object>, ConfigurableApplicationContext> contexts) {
        this.contexts = contexts;
    }

    /** The groups of figures {@code --only} can pick: ingest (with storage), query, replay, sweep, live, process. */
    public static final List<String> GROUPS = List.of("ingest", "query", "replay", "sweep", "live", "process");

    /**
     * Runs every figure (or the groups in {@code only}, when not empty), prints the table on
     * {@code out} (progress on {@code progress}) and, when
     * {@code markdown} is given, writes the results into that file.
     */
    public void run(boolean quick, int repeat, Set<String> only, Path markdown, String command, PrintWriter out,
                    PrintWriter progress) throws Exception {
        Sizes sizes = quick ? Sizes.small() : Sizes.issue();
        boolean process = only.isEmpty() || only.contains("process");
        // the application jar the trader runs from is looked for first: without it the run stops before it starts
        ChildJvms jvms = process ? ChildJvms.ofThisProcess() : null;
        quietFlyway();
        Instant started = Instant.now();
        long start = System.nanoTime();
        Machine machine = Machine.describe();
        Path dir = Files.createTempDirectory("trading-batch-bench");
        List<Figure> figures = new ArrayList<>();
        try {
            if (only.isEmpty() || only.contains("ingest")) {
                figures.addAll(new IngestBench(contexts, dir, sizes, progress).run(repeat));
            }
            if (only.isEmpty() || only.contains("query")) {
                figures.addAll(new QueryBench(dir, sizes, progress).run(repeat));
            }
            if (only.isEmpty() || only.contains("replay")) {
                figures.add(new ReplayBench(contexts, dir, sizes, progress).run(repeat));
            }
            if (only.isEmpty() || only.contains("sweep")) {
                figures.addAll(new SweepBench(contexts, dir, sizes, progress).run(repeat));
            }
            if (only.isEmpty() || only.contains("live")) {
                figures.addAll(new LiveBench(dir, sizes, progress).run(repeat));
            }
            if (process) {
                figures.addAll(new ProcessBench(jvms, dir, sizes, progress).run(repeat));
            }
        } finally {
            deleteAll(dir);
        }
        BenchReport report = new BenchReport(command, repeat, quick, machine.ended(), figures, started,
                (System.nanoTime() - start) / 1e9);
        report.print(out);
        if (markdown != null) {
            report.write(markdown);
            out.println("results written to " + markdown);
        }
    }

    /**
     * Flyway logs each migration at INFO; until the first application context configures logging
     * (from application.yml) nothing else would keep those lines off the console.
     */
    private static void quietFlyway() {
        if (LoggerFactory.getLogger("org.flywaydb") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
