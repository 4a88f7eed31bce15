package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.support.RecordingSleeper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line the way a user does, in-process, against a database file in a test's
 * folder (or a schema of its own on PostgreSQL, see {@link TestDatabases}), with configuration
 * overrides (exchange base URLs) and a fixed clock.
 */
public final class CliRun {

    private final Path database;
    private final String url;
    private final Map<String, Object> properties = new HashMap<>();
    private final Map<String, Object> beans = new HashMap<>();

    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** A database in {@code folder}; exchange waits are recorded, not slept (see {@link #waits()}). */
    public CliRun(Path folder) {
        this.database = folder.resolve("data").resolve("trading.db");
        this.url = TestDatabases.url(database);
        properties.put("spring.datasource.url", url);
        beans.put("recordingSleeper", sleeper);
    }

    /** Every wait the commands asked for so far (retry backoff, Retry-After, request budget). */
    public List<Duration> waits() {
        return sleeper.waits();
    }

    public CliRun with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public CliRun clock(Clock clock) {
        beans.put("fixedClock", clock);
        return this;
    }

    /** Replaces the application's bean of the same type (e.g. a Sleeper that records waits instead of sleeping). */
    public CliRun bean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    /** The SQLite file the commands use (tests of SQLite-only behaviour); see {@link #url()}. */
    public Path database() {
        return database;
    }

    /** The database the commands use: the SQLite file, or this test's schema on PostgreSQL ({@link TestDatabases}). */
    public String url() {
        return url;
    }

    /** Whether a command has created the database and its schema (the SQLite file exists; the tables on PostgreSQL). */
    public boolean migrated() {
        if (!TestDatabases.postgresql()) {
            return java.nio.file.Files.exists(database);
        }
        return count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_name = 'candles'") > 0;
    }

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * The application as a command starts it, with these properties and beans, for a test that drives it directly
     * (a job launched with Spring Batch's test utilities, see {@code JobTests}); the caller closes it.
     */
    public ConfigurableApplicationContext start() {
        return launcher().start();
    }

    /** The launcher a command gets, with these properties and beans (a test starting a service's or the dashboard's server). */
    public Launcher launcher() {
        return new Launcher(properties, beans);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(args, properties, beans, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs a query on the database the commands used (read with a plain connection, as a user would).
     * Whole numbers come back as SQLite's driver types them on both databases: Integer when they fit,
     * Long otherwise (PostgreSQL gives a BIGINT or a COUNT as Long whatever its size).
     */
    public List<Map<String, Object>> query(String sql, Object... args) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
        try {
            List<Map<String, Object>> rows = new JdbcTemplate(ds).queryForList(sql, args);
            rows.forEach(row -> row.replaceAll((column, value) -> value instanceof Long l && l == l.intValue()
                    ? Integer.valueOf(l.intValue()) : value));
            return rows;
        } finally {
            ds.destroy();
        }
    }

    /** One value read with a plain connection, as the driver converts it to {@code type} (a Timestamp, say). */
    public <T> T queryForObject(String sql, Class<T> type, Object... args) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
        try {
            return new JdbcTemplate(ds).queryForObject(sql, type, args);
        } finally {
            ds.destroy();
        }
    }

    /** Changes the database directly (a test planting a state that a crash or another host would leave). */
    public int update(String sql, Object... args) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
        try {
            return new JdbcTemplate(ds).update(sql, args);
        } finally {
            ds.destroy();
        }
    }

    /** Stores candles of a series (those not stored yet) through the repository the application uses. */
    public void store(MarketKey market, List<Candle> candles) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
        try {
            new CandleRepository(ds).insertNew(market, candles);
        } finally {
            ds.destroy();
        }
    }

    /** The stored candles of a series, read back through the repository the application uses. */
    public List<Candle> candles(MarketKey market) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
        try {
            return new CandleRepository(ds).find(market, Long.MIN_VALUE, Long.MAX_VALUE);
        } finally {
            ds.destroy();
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) query(sql, args).getFirst().values().iterator().next()).longValue();
    }
}
