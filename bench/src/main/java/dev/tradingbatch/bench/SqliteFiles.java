package dev.tradingbatch.bench;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.SqliteUrls;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Database files for the benchmarks, written with plain sqlite-jdbc: the application's schema (its
 * Flyway migrations), the seed's schema, and fast batched inserts into either. Every connection has
 * the application's settings ({@link SqliteUrls#withSettings}: WAL, synchronous=NORMAL, foreign keys,
 * busy timeout, IMMEDIATE transactions); nothing here relaxes them.
 */
final class SqliteFiles {

    /** The seed's table and index, as the seed's README declared them. */
    static final String SEED_SCHEMA = """
            CREATE TABLE ohlcv_data (id INTEGER PRIMARY KEY AUTOINCREMENT, exchange TEXT NOT NULL,
              symbol TEXT NOT NULL, timeframe TEXT NOT NULL, timestamp INTEGER NOT NULL,
              open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
              volume REAL NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
              UNIQUE(exchange, symbol, timeframe, timestamp));
            CREATE INDEX idx_ohlcv_lookup ON ohlcv_data(exchange, symbol, timeframe, timestamp)""";

    private SqliteFiles() {
    }

    static String url(Path file) {
        return SqliteUrls.withSettings("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection(url(file));
    }

    /** A new file with the application's whole schema (Flyway migrations, Spring Batch tables included). */
    static void migrate(Path file) {
        Flyway.configure().dataSource(url(file), null, null).locations("classpath:db/migration/sqlite")
                .load().migrate();
    }

    /**
     * Inserts one series into the application's schema as a plain JDBC batch, {@code perTransaction}
     * rows per commit: the markets row, then each candle encoded as {@code CandleRepository} stores it
     * (open scaled, high/low/close as differences from open, volume scaled).
     */
    static void insertOurs(Connection c, RandomWalk.Series s, int perTransaction) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long marketId;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO markets (exchange, symbol, timeframe, price_scale, volume_scale, price_unit, volume_unit)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING market_id""")) {
            MarketKey m = s.market();
            ps.setString(1, m.exchange());
            ps.setString(2, m.symbol());
            ps.setString(3, m.timeframe().code());
            ps.setInt(4, s.priceScale());
            ps.setInt(5, s.volumeScale());
            ps.setLong(6, (long) Math.pow(10, s.priceScale()));
            ps.setLong(7, (long) Math.pow(10, s.volumeScale()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                marketId = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO candles (market_id, open_time, open, high_up, low_down, close_delta, volume)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < s.size(); i++) {
                long open = s.open()[i];
                ps.setLong(1, marketId);
                ps.setLong(2, s.time(i));
                ps.setLong(3, open);
                ps.setLong(4, s.high()[i] - open);
                ps.setLong(5, open - s.low()[i]);
                ps.setLong(6, s.close()[i] - open);
                ps.setLong(7, s.volume()[i]);
                ps.addBatch();
                if ((i + 1) % perTransaction == 0 || i == s.size() - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        c.commit();
        c.setAutoCommit(autoCommit);
    }

    /** Inserts one series into the seed's table (prices and volume as REAL), {@code perTransaction} rows per commit. */
    static void insertSeed(Connection c, RandomWalk.Series s, int perTransaction) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        double priceUnit = Math.pow(10, s.priceScale());
        double volumeUnit = Math.pow(10, s.volumeScale());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ohlcv_data (exchange, symbol, timeframe, timestamp, open, high, low, close, volume)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < s.size(); i++) {
                ps.setString(1, s.market().exchange()); // created_at left to its default, as the seed did
                ps.setString(2, s.market().symbol());
                ps.setString(3, s.market().timeframe().code());
                ps.setLong(4, s.time(i));
                ps.setDouble(5, s.open()[i] / priceUnit);
                ps.setDouble(6, s.high()[i] / priceUnit);
                ps.setDouble(7, s.low()[i] / priceUnit);
                ps.setDouble(8, s.close()[i] / priceUnit);
                ps.setDouble(9, s.volume()[i] / volumeUnit);
                ps.addBatch();
                if ((i + 1) % perTransaction == 0 || i == s.size() - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        c.commit();
        c.setAutoCommit(autoCommit);
    }

    static void execute(Connection c, String statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements.split(";")) {
                st.execute(sql);
            }
        }
    }

    /** Folds the WAL into the main file and returns the main file's size in bytes. */
    static long checkpointedSize(Path file) throws SQLException, IOException {
        try (Connection c = open(file); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Files.size(file);
    }

    /** The settings a connection to {@code file} runs with, read back from SQLite. */
    static String settings(Path file) throws SQLException {
        try (Connection c = open(file); Statement st = c.createStatement()) {
            StringBuilder b = new StringBuilder();
            for (String pragma : new String[] {"journal_mode", "synchronous", "foreign_keys", "busy_timeout",
                    "page_size", "cache_size"}) {
                try (ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
                    rs.next();
                    String value = rs.getString(1);
                    if (pragma.equals("synchronous")) {
                        value = switch (value) {
                            case "0" -> "OFF";
                            case "1" -> "NORMAL";
                            case "2" -> "FULL";
                            case "3" -> "EXTRA";
                            default -> value;
                        };
                    }
                    b.append(pragma).append('=').append(value).append(", ");
                }
            }
            return b.append("transaction_mode=IMMEDIATE (from the URL)").toString();
        }
    }

    /** Deletes a database file with its WAL and shared-memory files. */
    static void delete(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    static String sqliteVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1) + " (sqlite-jdbc " + c.getMetaData().getDriverVersion() + ")";
        }
    }
}
