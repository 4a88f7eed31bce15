package dev.tradingbatch.bench;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.backfill.CandleSources;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Ingest and storage. Ours: the real backfill job ({@link BackfillService}, one run per series) reads
 * Binance-format pages of 1000 from {@link LoopbackBinance} and stores them in a fresh database file;
 * timed from the first run's start to the last run's end (the application context is started before).
 * Baseline: plain sqlite-jdbc batched inserts of the same rows, already encoded, into the same schema
 * in another fresh file, one commit per 1000 rows like the job's chunks. Storage: our file's size
 * after a WAL checkpoint, against a plain ohlcv_data table holding the same candles.
 */
final class IngestBench {

    /** Rows per commit in the baseline: the job's chunk size ({@code trading.backfill.chunk-size}). */
    static final int CHUNK = 1000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Function<Map<String, Object>, ConfigurableApplicationContext> contexts;
    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    IngestBench(Function<Map<String, Object>, ConfigurableApplicationContext> contexts, Path dir, Sizes sizes,
                PrintWriter progress) {
        this.contexts = contexts;
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    /** The ingest figure and the storage figure. */
    List<Figure> run(int repeat) throws Exception {
        List<RandomWalk.Series> data = IntStream.range(0, sizes.ingestSeries())
                .mapToObj(i -> RandomWalk.generate(new MarketKey("binance", RandomWalk.symbol(i), Timeframe.M1), i,
                        sizes.ingestCandles()))
                .toList();
        int total = sizes.ingestTotal();
        List<Double> ours = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        List<Double> write = new ArrayList<>();
        List<Double> onCpu = new ArrayList<>();
        List<Double> ourCpu = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        List<Map<String, Double>> ourThreads = new ArrayList<>();
        String settings;
        try (LoopbackBinance server = new LoopbackBinance(data)) {
            for (int rep = 0; rep < repeat; rep++) {
                // alternate which goes first, so a drift in the machine's load does not favour one side
                if (rep % 2 == 1) {
                    double[] baseline = raw(data, rep);
                    raw.add(baseline[0]);
                    rawCpu.add(baseline[1]);
                }
                Path file = dir.resolve("ingest-job-" + rep + ".db");
                JobRun job = job(data, server, file);
                ours.add(job.rate());
                fetch.add(job.fetchRate());
                onCpu.add(job.onCpu());
                ourCpu.add(job.processCpu());
                ourThreads.add(job.threads());
                bytes.add((double) SqliteFiles.checkpointedSize(file) / total);
                if (rep % 2 == 0) {
                    double[] baseline = raw(data, rep);
                    raw.add(baseline[0]);
                    rawCpu.add(baseline[1]);
                }
                write.add(IngestParts.write(dir.resolve("ingest-write-" + rep + ".db"), data));
                progress.printf("ingest %d/%d: job %s candles/s, raw inserts %s candles/s "
                                + "(fetch alone %s, write alone %s)%n", rep + 1, repeat, Figure.number(ours.getLast()),
                        Figure.number(raw.getLast()), Figure.number(fetch.getLast()), Figure.number(write.getLast()));
            }
            settings = SqliteFiles.settings(dir.resolve("ingest-job-0.db"));
        }
        double seedBytes = (double) seed(data) / total;
        progress.printf("storage: %s bytes/candle, plain table %s%n", Figure.number(bytes.getFirst()),
                Figure.number(seedBytes));
        for (int rep = 0; rep < repeat; rep++) {
            SqliteFiles.delete(dir.resolve("ingest-job-" + rep + ".db"));
        }
        String what = "%,d candles = %d series x %,d 1m candles"
                .formatted(total, sizes.ingestSeries(), sizes.ingestCandles());
        Figure ingest = new Figure("ingest", "candles/s", ours, raw, Figure.Goal.ratioAtLeast(0.5), List.of(
                what + "; ours: `backfill --exchange binance` runs (BackfillService, backfillCandlesJob, chunks of "
                        + CHUNK + ") reading pages of 1000 from a loopback HTTP server in the same JVM (Binance's "
                        + "8-decimal strings, pages rendered before the clock starts) into a fresh file; default "
                        + "request budget (Binance 6000 weight/min, never reached here)",
                "baseline: the same rows, encoded as the candles table stores them, inserted with plain sqlite-jdbc "
                        + "batches into a fresh file of the same schema, one commit per " + CHUNK + " rows",
                "where our time goes (medians, candles/s): fetching alone (the application's Binance source: HTTP, "
                        + "JSON, rows to raw candles; nothing stored) " + Figure.number(Figure.median(fetch))
                        + "; writing alone (CandleItemWriter: validation, exact decimals, CandleRepository.insertNew, "
                        + "transactions of " + CHUNK + ", no Spring Batch) into a fresh file "
                        + Figure.number(Figure.median(write)) + "; the job's thread was on a CPU "
                        + Math.round(100 * Figure.median(onCpu)) + "% of the job's wall time",
                "CPU time of the whole process per candle (every thread: the job's, the page fetching thread, the "
                        + "loopback server's, GC and JIT; medians): ours " + Figure.number(Figure.median(ourCpu))
                        + " us, baseline " + Figure.number(Figure.median(rawCpu)) + " us; of ours (us per candle, "
                        + "medians): " + threads(ourThreads) + "; the job stores on its thread while the next page is "
                        + "fetched on another, so it needs both cores of this machine",
                "SQLite: " + settings));
        Figure storage = new Figure("storage", "bytes/candle", bytes, List.of(seedBytes),
                Figure.Goal.atMost(40, "bytes/candle"), List.of(
                what + "; ours: the file the ingest job wrote (whole schema, job records included), "
                        + "size after PRAGMA wal_checkpoint(TRUNCATE); deterministic for a given SQLite version",
                "baseline: a plain ohlcv_data table as the reference queries read it (text exchange/symbol/timeframe, "
                        + "REAL values, UNIQUE + index), "
                        + "same candles, same settings, measured once"));
        return List.of(ingest, storage);
    }

    /**
     * One repetition of the job.
     *
     * @param rate       candles per second through the backfill job
     * @param fetchRate  candles per second fetched again afterwards through the same context's Binance source
     *                   without storing them
     * @param onCpu      the share of the job's wall time its thread spent on a CPU
     * @param processCpu CPU us per candle of the whole process during the job
     * @param threads    the same by kind of thread
     */
    private record JobRun(double rate, double fetchRate, double onCpu, double processCpu, Map<String, Double> threads) {
    }

    /** The backfill job over {@code data} into {@code file}, measured. */
    private JobRun job(List<RandomWalk.Series> data, LoopbackBinance server, Path file) throws Exception {
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", "jdbc:sqlite:" + file.toAbsolutePath(),
                "trading.exchanges.binance.base-url", server.baseUrl(),
                "trading.backfill.progress", "never");
        long nanos;
        long cpu;
        long processCpu;
        Map<String, Double> byThread;
        double fetch;
        StringWriter out = new StringWriter();
        try (ConfigurableApplicationContext ctx = contexts.apply(properties)) {
            BackfillService backfill = ctx.getBean(BackfillService.class);
            PrintWriter summaries = new PrintWriter(out, true);
            long start = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            processCpu = PROCESS.getProcessCpuTime();
            ThreadCpu threads = ThreadCpu.snapshot();
            for (RandomWalk.Series s : data) {
                BackfillRequest request = BackfillRequest.parse("binance", s.market().symbol(), "1m",
                        Long.toString(RandomWalk.T0), Long.toString(s.end()), null, null);
                BackfillResult result = backfill.run(request);
                summaries.println(result);
                if (!result.succeeded()) {
                    throw new IllegalStateException("the benchmark's backfill failed: " + out);
                }
            }
            nanos = System.nanoTime() - start;
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
            byThread = perCandle(ThreadCpu.snapshot().since(threads), processCpu);
            fetch = IngestParts.fetch(ctx.getBean(CandleSources.class).get("binance"), data);
        }
        long stored = count(file);
        if (stored != sizes.ingestTotal()) {
            throw new IllegalStateException("the backfill stored " + stored + " candles, expected "
                    + sizes.ingestTotal() + ": " + out);
        }
        return new JobRun(sizes.ingestTotal() / (nanos / 1e9), fetch, (double) cpu / nanos,
                processCpu / 1e3 / sizes.ingestTotal(), byThread);
    }

    /**
     * CPU us per candle by kind of thread; what the process spent beyond the threads still alive is the
     * page-fetching threads, one per backfill, ended by the time of the second snapshot.
     */
    private Map<String, Double> perCandle(Map<String, Long> byKind, long processNanos) {
        Map<String, Double> us = new LinkedHashMap<>();
        long live = 0;
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            String name = switch (e.getKey()) {
                case "caller" -> "the job's thread";
                case "HTTP-Dispatcher" -> "the loopback server";
                default -> e.getKey();
            };
            us.put(name, e.getValue() / 1e3 / sizes.ingestTotal());
            live += e.getValue();
        }
        if (!byKind.isEmpty()) {
            us.put("page fetching (ended threads)", Math.max(0, processNanos - live) / 1e3 / sizes.ingestTotal());
        }
        return us;
    }

    /** e.g. {@code the job's thread 2.31, page fetching (ended threads) 1.40, JIT 1.52}: medians, 0.05 us and up. */
    private static String threads(List<Map<String, Double>> reps) {
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        reps.forEach(rep -> rep.forEach((k, v) -> byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, v) -> {
            double median = Figure.median(v);
            if (median >= 0.05) {
                parts.add(k + " " + Figure.number(median));
            }
        });
        return parts.isEmpty() ? "no per-thread figures (no /proc/self/task)" : String.join(", ", parts);
    }

    /** [candles per second inserted with plain batches into a fresh file of our schema, process CPU us per candle]. */
    private double[] raw(List<RandomWalk.Series> data, int rep) throws Exception {
        Path file = dir.resolve("ingest-raw-" + rep + ".db");
        SqliteFiles.migrate(file);
        long nanos;
        long processCpu;
        try (Connection c = SqliteFiles.open(file)) {
            long start = System.nanoTime();
            processCpu = PROCESS.getProcessCpuTime();
            for (RandomWalk.Series s : data) {
                SqliteFiles.insertOurs(c, s, CHUNK);
            }
            nanos = System.nanoTime() - start;
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
        }
        long stored = count(file);
        SqliteFiles.delete(file);
        if (stored != sizes.ingestTotal()) {
            throw new IllegalStateException("the baseline stored " + stored + " candles");
        }
        return new double[] {sizes.ingestTotal() / (nanos / 1e9), processCpu / 1e3 / sizes.ingestTotal()};
    }

    /** Bytes of the seed's schema holding the same candles, after a checkpoint. */
    private long seed(List<RandomWalk.Series> data) throws Exception {
        Path file = dir.resolve("storage-seed.db");
        try (Connection c = SqliteFiles.open(file)) {
            SqliteFiles.execute(c, SqliteFiles.SEED_SCHEMA);
            for (RandomWalk.Series s : data) {
                SqliteFiles.insertSeed(c, s, 10 * CHUNK);
            }
        }
        long size = SqliteFiles.checkpointedSize(file);
        SqliteFiles.delete(file);
        return size;
    }

    private static long count(Path file) throws Exception {
        try (Connection c = SqliteFiles.open(file);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM candles")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
