package dev.tradingbatch.db;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test runs on: an SQLite file in the test's folder (the default), or, with
 * {@code -Dtest.database=postgresql} (the Maven profile {@code postgresql}), a schema of its own in the
 * PostgreSQL database {@code test.postgresql.url} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * created on first use and dropped when the test JVM exits, so that runs never see each other's data
 * (schemas more than 6 hours old, left by a test JVM that was killed, are dropped by the next run).
 */
public final class TestDatabases {

    private static final Map<Path, String> URLS = new HashMap<>();
    private static final List<String> SCHEMAS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    /** Whether the tests run on PostgreSQL. */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("test.database", "sqlite"));
    }

    /**
     * The JDBC URL of the database at {@code sqliteFile}: that file on SQLite; on PostgreSQL a new schema,
     * the same one for every call with the same file.
     */
    public static synchronized String url(Path sqliteFile) {
        if (!postgresql()) {
            return "jdbc:sqlite:" + sqliteFile;
        }
        return URLS.computeIfAbsent(sqliteFile.toAbsolutePath(), f -> newSchema());
    }

    private static String newSchema() {
        // named by creation time, so that schemas a killed test JVM could not drop go with a later run
        long now = System.currentTimeMillis() / 1000;
        String schema = "test_" + now + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(server()); Statement s = c.createStatement()) {
            if (SCHEMAS.isEmpty()) {
                dropLeftOvers(s, now - Duration.ofHours(6).toSeconds());
            }
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + server() + ": " + e.getMessage(), e);
        }
        SCHEMAS.add(schema);
        String server = server();
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void dropLeftOvers(Statement s, long before) throws SQLException {
        List<String> old = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname ~ '^test_[0-9]+_[0-9a-f]+$'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (Long.parseLong(name.split("_")[1]) < before) {
                    old.add(name);
                }
            }
        }
        for (String name : old) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static String server() {
        String url = System.getProperty("test.postgresql.url", "");
        return url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    private static synchronized void dropSchemas() {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server()); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }
}
