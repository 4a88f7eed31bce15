package dev.tradingbatch.bench;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Query 1 of the reference queries ("the last 100 candles of a market") on the {@code ohlcv_data} view of a file
 * holding many markets. The file is built once per run with plain batched inserts and reused by every
 * repetition. Each repetition opens a connection with the application's settings, prepares the query
 * once (the three literals as parameters), runs it untimed on every market to warm the caches and the JIT, then
 * times each of {@code queries} executions on a random market (seeded), reading all 100 rows and all
 * 9 columns. The baseline reads the same 100 rows straight from the {@code candles} table by
 * {@code market_id}: the floor of this file without the view's join and REAL conversions. A third
 * variant, for the notes, runs Query 1 but reads only the timestamp and the five numbers (the three
 * TEXT columns equal the query's parameters). The three take turns query by query, in rotating order,
 * so all see the same machine.
 */
final class QueryBench {

    static final String QUERY_1 = """
            SELECT * FROM ohlcv_data
            WHERE exchange = ? AND symbol = ? AND timeframe = ?
            ORDER BY timestamp DESC
            LIMIT 100""";

    static final String FLOOR = """
            SELECT open_time, open, high_up, low_down, close_delta, volume FROM candles
            WHERE market_id = ?
            ORDER BY open_time DESC
            LIMIT 100""";

    /** Untimed executions of each variant before a repetition's timed ones. */
    private static final int WARM_UP = 2_000;

    private static final String[] EXCHANGES = {"binance", "coinbase", "kraken", "okx", "bybit"};

    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    QueryBench(Path dir, Sizes sizes, PrintWriter progress) {
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    /** Market {@code m} of the file: 5 exchanges x as many symbols as it takes. */
    static MarketKey market(int m) {
        return new MarketKey(EXCHANGES[m % EXCHANGES.length], RandomWalk.symbol(m / EXCHANGES.length), Timeframe.M1);
    }

    /** The p50 and p99 figures. */
    List<Figure> run(int repeat) throws Exception {
        Path file = dir.resolve("query.db");
        long start = System.nanoTime();
        SqliteFiles.migrate(file);
        long[] ids = new long[sizes.queryMarkets()];
        try (Connection c = SqliteFiles.open(file)) {
            for (int m = 0; m < sizes.queryMarkets(); m++) {
                SqliteFiles.insertOurs(c, RandomWalk.generate(market(m), m, sizes.queryCandles()), 50_000);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT market_id FROM markets ORDER BY market_id")) {
                for (int m = 0; rs.next(); m++) {
                    ids[m] = rs.getLong(1);
                }
            }
        }
        long size = SqliteFiles.checkpointedSize(file);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        progress.printf("query 1: built %,d candles over %d markets in %.1f s (%,.0f candles/s, %,d bytes)%n",
                sizes.queryTotal(), sizes.queryMarkets(), buildSeconds, sizes.queryTotal() / buildSeconds, size);
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> floorP50 = new ArrayList<>();
        List<Double> floorP99 = new ArrayList<>();
        List<Double> numbersP50 = new ArrayList<>();
        List<Double> numbersP99 = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            long[][] micros = measure(file, ids, new Random(RandomWalk.SEED + rep));
            p50.add(percentile(micros[0], 50));
            p99.add(percentile(micros[0], 99));
            floorP50.add(percentile(micros[1], 50));
            floorP99.add(percentile(micros[1], 99));
            numbersP50.add(percentile(micros[2], 50));
            numbersP99.add(percentile(micros[2], 99));
            progress.printf("query 1 %d/%d: p50 %s us, p99 %s us; table floor p50 %s us, p99 %s us%n", rep + 1, repeat,
                    Figure.number(p50.getLast()), Figure.number(p99.getLast()), Figure.number(floorP50.getLast()),
                    Figure.number(floorP99.getLast()));
        }
        String settings = SqliteFiles.settings(file);
        double summaries = summaries(file);
        SqliteFiles.delete(file);
        List<String> notes = List.of(
                "%,d candles = %d markets (5 exchanges x %d symbols) x %,d 1m candles, %,d bytes; built once with plain "
                        .formatted(sizes.queryTotal(), sizes.queryMarkets(), sizes.queryMarkets() / EXCHANGES.length,
                                sizes.queryCandles(), size)
                        + "batched inserts (50,000 rows per commit) in %.1f s, generation included (%,.0f candles/s)"
                        .formatted(buildSeconds, sizes.queryTotal() / buildSeconds),
                "ours: Query 1 verbatim on the view, literals as parameters, prepared once; %,d timed executions per "
                        .formatted(sizes.queries())
                        + "repetition on random markets after " + WARM_UP + " untimed ones covering every market (warm "
                        + "page cache, JIT compiled), "
                        + "all rows and columns read; time from executeQuery to the last row",
                "baseline: the same 100 rows read from the candles table by market_id (no view, no join)",
                "the same Query 1 reading only timestamp, open, high, low, close and volume (getLong, getDouble; "
                        + "the TEXT columns equal the parameters): p50 " + Figure.number(Figure.median(numbersP50))
                        + " us, p99 " + Figure.number(Figure.median(numbersP99)) + " us",
                "on the same file, CandleRepository.summaries() (MIN, MAX, COUNT per market over every stored candle; "
                        + "evaluate, replay and gap filling call it on every run) takes "
                        + Figure.number(summaries) + " s",
                "SQLite: " + settings);
        return List.of(
                new Figure("query 1 p50", "us", p50, floorP50, Figure.Goal.none(), notes),
                new Figure("query 1 p99", "us", p99, floorP99, Figure.Goal.atMost(200, "us"), List.of("as p50")));
    }

    /** Nanoseconds of each timed execution: [0] Query 1, [1] the table floor, [2] Query 1 without its TEXT columns. */
    private long[][] measure(Path file, long[] ids, Random random) throws SQLException {
        int n = sizes.queries();
        long[][] nanos = new long[3][n];
        try (Connection c = SqliteFiles.open(file);
             PreparedStatement ours = c.prepareStatement(QUERY_1);
             PreparedStatement floor = c.prepareStatement(FLOOR)) {
            // untimed: every market at least once (page cache), and enough executions for the JIT
            for (int w = 0; w < Math.max(ids.length, WARM_UP); w++) {
                int m = w % ids.length;
                query1(ours, market(m), true);
                query1(ours, market(m), false);
                floor(floor, ids[m]);
            }
            for (int i = 0; i < n; i++) {
                int m = random.nextInt(ids.length);
                for (int k = 0; k < 3; k++) {
                    int variant = (i + k) % 3;
                    nanos[variant][i] = switch (variant) {
                        case 0 -> query1(ours, market(m), true);
                        case 1 -> floor(floor, ids[m]);
                        default -> query1(ours, market(m), false);
                    };
                }
            }
        }
        return nanos;
    }

    /** One execution of Query 1, reading every column, or the timestamp and the numbers only. */
    private static long query1(PreparedStatement ps, MarketKey market, boolean textColumns) throws SQLException {
        long start = System.nanoTime();
        ps.setString(1, market.exchange());
        ps.setString(2, market.symbol());
        ps.setString(3, market.timeframe().code());
        int rows = 0;
        double sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
                if (textColumns) {
                    sum += rs.getString(1).length() + rs.getString(2).length() + rs.getString(3).length();
                }
                sum += rs.getLong(4) + rs.getDouble(5) + rs.getDouble(6) + rs.getDouble(7) + rs.getDouble(8)
                        + rs.getDouble(9);
            }
        }
        long nanos = System.nanoTime() - start;
        check(rows, sum, market.toString());
        return nanos;
    }

    private static long floor(PreparedStatement ps, long marketId) throws SQLException {
        long start = System.nanoTime();
        ps.setLong(1, marketId);
        int rows = 0;
        double sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
                sum += rs.getLong(1) + rs.getLong(2) + rs.getLong(3) + rs.getLong(4) + rs.getLong(5) + rs.getLong(6);
            }
        }
        long nanos = System.nanoTime() - start;
        check(rows, sum, "market_id " + marketId);
        return nanos;
    }

    private static void check(int rows, double sum, String market) {
        if (rows != 100 || sum == 0) {
            throw new IllegalStateException("Query 1 gave " + rows + " rows for " + market + ", expected 100");
        }
    }

    /** Seconds {@code CandleRepository.summaries()} takes on the file (median of three, warm cache). */
    private static double summaries(Path file) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(SqliteFiles.url(file), true);
        try {
            CandleRepository candles = new CandleRepository(ds);
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                candles.summaries();
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            return Figure.median(seconds);
        } finally {
            ds.destroy();
        }
    }

    /** The p-th percentile (nearest rank) of nanosecond samples, in microseconds. */
    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
