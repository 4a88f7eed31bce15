package dev.tradingbatch.db;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.MarketKey;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Bytes per candle on disk, our schema against two baselines, at 1,000,000 candles. Not a test (no
 * {@code @Test}, so the suite never runs it); run by hand:
 * <pre>
 * mvn -q -B -pl db test-compile
 * mvn -q -B -pl db dependency:build-classpath -Dmdep.outputFile=/tmp/dbcp.txt -Dmdep.includeScope=test
 * $JAVA_HOME/bin/java -cp db/target/test-classes:db/target/classes:$(cat /tmp/dbcp.txt) \
 *     dev.tradingbatch.db.StorageSizeReport
 * </pre>
 * Every variant is a fresh file with the application's connection settings, loaded in transactions
 * of 10,000 candles, then checkpointed (WAL folded into the main file) and closed before its size is
 * read. Sizes are deterministic for a given SQLite version: the data comes from a fixed seed.
 */
public final class StorageSizeReport {

    static final int MARKETS = 10;
    static final int PER_MARKET = 100_000;
    static final int TOTAL = MARKETS * PER_MARKET;
    static final int BATCH = 10_000; // candles per transaction
    static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z, epoch ms
    static final long MINUTE = 60_000L;
    static final long SEED = 20240101L;

    /** One 1m series as scaled integers: prices * 10^priceScale, volume * 10^volumeScale. */
    record Series(MarketKey key, int priceScale, int volumeScale,
                  long[] open, long[] high, long[] low, long[] close, long[] volume) {
        long time(int i) {
            return T0 + i * MINUTE; // on the 1m grid, no gaps
        }

        Candle candle(int i) {
            return new Candle(time(i), BigDecimal.valueOf(open[i], priceScale), BigDecimal.valueOf(high[i], priceScale),
                    BigDecimal.valueOf(low[i], priceScale), BigDecimal.valueOf(close[i], priceScale),
                    BigDecimal.valueOf(volume[i], volumeScale));
        }

        List<Candle> candles(int from, int to) {
            return IntStream.range(from, to).mapToObj(this::candle).toList();
        }
    }

    /**
     * Generator: 5 exchanges x {BTC/USDT, ETH/USDT}, 100,000 1m candles each, from {@code new
     * Random(SEED + market)}. Log random walk: close = open * exp(N(0,1) * 0.0007) (0.07% per
     * minute, ~2.7% a day, like BTC 1m); high = max(open, close) + |N| * 0.00035 * open and low the
     * same below min(open, close); next open = this close (exchanges' 1m candles chain like this).
     * Prices on a 0.01 tick (BTC starts ~42000.00, ETH ~2000.00). Volume log-normal around 15 BTC
     * with 5 decimals (12.34567) or 200 ETH with 4 decimals.
     */
    static List<Series> generate() {
        String[] exchanges = {"binance", "okx", "bybit", "kraken", "coinbase"};
        List<Series> all = new ArrayList<>();
        for (int m = 0; m < MARKETS; m++) {
            boolean btc = m % 2 == 0;
            Random rnd = new Random(SEED + m);
            long[] o = new long[PER_MARKET], h = new long[PER_MARKET], l = new long[PER_MARKET], c = new long[PER_MARKET];
            long[] v = new long[PER_MARKET];
            int vScale = btc ? 5 : 4;
            long open = Math.round((btc ? 42_000 : 2_000) * (1 + 0.001 * m) * 100);
            for (int i = 0; i < PER_MARKET; i++) {
                double p = open / 100.0;
                long close = Math.round(p * Math.exp(rnd.nextGaussian() * 0.0007) * 100);
                o[i] = open;
                c[i] = close;
                h[i] = Math.max(open, close) + Math.round(Math.abs(rnd.nextGaussian()) * 0.00035 * p * 100);
                l[i] = Math.min(open, close) - Math.round(Math.abs(rnd.nextGaussian()) * 0.00035 * p * 100);
                v[i] = Math.round((btc ? 15 : 200) * Math.exp(rnd.nextGaussian()) * Math.pow(10, vScale));
                open = close;
            }
            MarketKey key = new MarketKey(exchanges[m / 2], btc ? "BTC/USDT" : "ETH/USDT", Timeframe.M1);
            all.add(new Series(key, 2, vScale, o, h, l, c, v));
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        // logback's default is DEBUG, which would print every JdbcTemplate statement
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<Series> data = generate();
        Path dir = Files.createTempDirectory("storage-size");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
            rs.next();
            System.out.printf("SQLite %s; URL settings %s; %,d candles = %d markets x %,d 1m candles; %,d per transaction%n",
                    rs.getString(1), SqliteUrls.SETTINGS, TOTAL, MARKETS, PER_MARKET, BATCH);
        }
        long ours = report("ours, per market in time order", dir.resolve("ours.db"),
                f -> loadOurs(f, data, false), "candles");
        report("ours, interleaved across markets", dir.resolve("ours-interleaved.db"),
                f -> loadOurs(f, data, true), "candles");
        long seed = report("seed ohlcv_data (REAL, text keys, rowid)", dir.resolve("seed.db"), f -> loadPlain(f, data, """
                CREATE TABLE ohlcv_data (id INTEGER PRIMARY KEY AUTOINCREMENT, exchange TEXT NOT NULL,
                  symbol TEXT NOT NULL, timeframe TEXT NOT NULL, timestamp INTEGER NOT NULL,
                  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
                  volume REAL NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                  UNIQUE(exchange, symbol, timeframe, timestamp));
                CREATE INDEX idx_ohlcv_lookup ON ohlcv_data(exchange, symbol, timeframe, timestamp)""", """
                INSERT INTO ohlcv_data (exchange, symbol, timeframe, timestamp, open, high, low, close, volume)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", (ps, m, s, i) -> {
                    ps.setString(1, s.key().exchange()); // created_at left to its default, as the seed did
                    ps.setString(2, s.key().symbol());
                    ps.setString(3, s.key().timeframe().code());
                    bindReals(ps, 4, s, i);
                }), "ohlcv_data");
        report("integer key WITHOUT ROWID, REAL columns", dir.resolve("real.db"), f -> loadPlain(f, data, """
                CREATE TABLE c (market_id INTEGER, open_time INTEGER, open REAL, high REAL, low REAL,
                  close REAL, volume REAL, PRIMARY KEY (market_id, open_time)) WITHOUT ROWID""",
                "INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?)", (ps, m, s, i) -> {
                    ps.setLong(1, m + 1);
                    bindReals(ps, 2, s, i);
                }), "c");
        System.out.printf("%nratio ours / seed = %.3f (seed is %.1fx larger)%n",
                (double) ours / seed, (double) seed / ours);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    interface Loader {
        void load(Path file) throws Exception;
    }

    /** Binds one candle (index i of series s, the market-th series) to the baseline's INSERT. */
    interface Binder {
        void bind(PreparedStatement ps, int market, Series s, int i) throws SQLException;
    }

    static String url(Path file) { // the application's settings: WAL, synchronous=NORMAL, ...
        return SqliteUrls.withSettings("jdbc:sqlite:" + file);
    }

    /** Binds open_time then open, high, low, close, volume as REAL (the double nearest the decimal). */
    static void bindReals(PreparedStatement ps, int first, Series s, int i) throws SQLException {
        ps.setLong(first, s.time(i));
        long[][] prices = {s.open(), s.high(), s.low(), s.close()};
        for (int k = 0; k < 4; k++) {
            ps.setDouble(first + 1 + k, prices[k][i] / Math.pow(10, s.priceScale()));
        }
        ps.setDouble(first + 5, s.volume()[i] / Math.pow(10, s.volumeScale()));
    }

    /**
     * Our path: Flyway schema, CandleRepository.insertNew, one Spring transaction per 10,000 candles.
     * Interleaved: each transaction holds 1,000 candles of each of the 10 markets (a live update of
     * many markets); otherwise one market at a time in time order (a backfill).
     */
    static void loadOurs(Path file, List<Series> data, boolean interleaved) {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url(file));
            ds.setMaximumPoolSize(1);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
            CandleRepository repo = new CandleRepository(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            if (interleaved) {
                int step = BATCH / MARKETS;
                for (int from = 0; from < PER_MARKET; from += step) {
                    int f = from;
                    tx.executeWithoutResult(st -> data.forEach(s -> repo.insertNew(s.key(), s.candles(f, f + step))));
                }
            } else {
                for (Series s : data) {
                    for (int from = 0; from < PER_MARKET; from += BATCH) {
                        int f = from;
                        tx.executeWithoutResult(st -> repo.insertNew(s.key(), s.candles(f, f + BATCH)));
                    }
                }
            }
            new JdbcTemplate(ds).queryForList("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** Baselines: plain JDBC batches, autocommit off, commit every 10,000 rows, market by market. */
    static void loadPlain(Path file, List<Series> data, String ddl, String insert, Binder binder) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(file)); Statement st = c.createStatement()) {
            for (String sql : ddl.split(";")) {
                st.execute(sql);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (int m = 0; m < data.size(); m++) {
                    for (int i = 0; i < PER_MARKET; i++) {
                        binder.bind(ps, m, data.get(m), i);
                        ps.addBatch();
                        if ((i + 1) % BATCH == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
            }
            c.setAutoCommit(true);
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** Loads, prints size and bytes/candle, then the dbstat page usage per table/index. */
    static long report(String name, Path file, Loader loader, String table) throws Exception {
        long start = System.nanoTime();
        loader.load(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        long size = Files.size(file);
        System.out.printf("%n== %s%n   file %,d bytes = %.2f bytes/candle (load %.1f s; wal left %s)%n",
                name, size, (double) size / TOTAL, seconds, Files.exists(Path.of(file + "-wal")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            String sum = "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('" + table + "')";
            try (ResultSet rs = st.executeQuery("SELECT (SELECT page_size FROM pragma_page_size), (" + sum + ")")) {
                rs.next();
                System.out.printf("   page_size %d; %s: %,d%n", rs.getInt(1), sum, rs.getLong(2));
            }
            // payload = record bytes; unused = free space in pages; the rest is per-cell overhead
            // (cell pointer 2 bytes + payload-length varint, + rowid varint in rowid tables) and page headers
            System.out.printf("   %-30s %7s %7s %7s %7s %7s %7s %6s%n", "table/index (bytes per candle)",
                    "pages", "leaves", "total", "payload", "unused", "overhd", "fill");
            try (ResultSet rs = st.executeQuery("""
                    SELECT name, COUNT(*), SUM(pagetype = 'leaf'), SUM(pgsize), SUM(payload), SUM(unused)
                    FROM dbstat GROUP BY name HAVING SUM(pgsize) > 65536 ORDER BY SUM(pgsize) DESC""")) {
                while (rs.next()) {
                    long pg = rs.getLong(4), pay = rs.getLong(5), unused = rs.getLong(6);
                    System.out.printf("   %-30s %,7d %,7d %7.2f %7.2f %7.2f %7.2f %5.1f%%%n", rs.getString(1),
                            rs.getLong(2), rs.getLong(3), (double) pg / TOTAL, (double) pay / TOTAL,
                            (double) unused / TOTAL, (double) (pg - pay - unused) / TOTAL, 100.0 * (pg - unused) / pg);
                }
            }
        } catch (SQLException e) {
            System.out.println("   dbstat not available: " + e.getMessage());
        }
        // VACUUM rebuilds every b-tree with full pages: the size the same rows need without split slack
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("VACUUM");
        }
        System.out.printf("   after VACUUM: %.2f bytes/candle (informational)%n", (double) Files.size(file) / TOTAL);
        return size;
    }
}
