package dev.tradingbatch.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an SQLite file may be opened as this application's database, decided before anything changes it: opening
 * it with the application's settings switches it to WAL, and the migration puts a lock file beside it, so pointed at
 * another application's database by mistake, the application would change that file before Flyway complained.
 * A file that does not exist or is empty is new; a file with tables is ours when it has Flyway's schema history with
 * our first migration, or with no migration yet (another process of ours is migrating it); anything else is
 * refused, naming the file.
 */
public final class SqliteFileCheck {

    /** The first 16 bytes of every SQLite database file. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** How our first migration is recorded in the schema history. */
    private static final String FIRST_SCRIPT = "V1__spring_batch.sql";

    private SqliteFileCheck() {
    }

    /** Throws {@link DatabaseUnavailableException} naming the file when it is not (or cannot be read as) ours. */
    public static void check(Path file) {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path) || size(path) == 0) {
            return;
        }
        if (!hasSqliteHeader(path)) {
            throw new DatabaseUnavailableException("cannot open database " + path + ": it is not an SQLite file (it "
                    + "does not begin with SQLite's header); nothing was changed: point spring.datasource.url at a new "
                    + "file", null);
        }
        // a plain connection, without the application's settings: reading changes nothing in the file
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty() || (tables.contains("flyway_schema_history") && ours(s))) {
                return;
            }
            throw new DatabaseUnavailableException("cannot open database " + path + ": it is another application's "
                    + "database (tables "
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? ", ..." : "") + "; no trading-batch schema history); nothing was changed: "
                    + "point spring.datasource.url at a new file", null);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot open database " + path + ": " + e.getMessage()
                    + "; nothing was changed: restore a copy made with the backup command, or see what "
                    + "sqlite3 " + path + " 'PRAGMA integrity_check' says", e);
        }
    }

    /**
     * Whether the schema history is ours: its first migration is ours, or it has none yet (another process of
     * ours, started at the same moment on a new file, has created the history and is migrating).
     */
    private static boolean ours(Statement s) throws SQLException {
        // one statement, one snapshot: read in two, the first migration could commit between them
        try (ResultSet rs = s.executeQuery("SELECT (SELECT script FROM flyway_schema_history WHERE version = '1'),"
                + " (SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL)")) {
            rs.next();
            String first = rs.getString(1);
            return first != null ? FIRST_SCRIPT.equals(first) : rs.getLong(2) == 0;
        }
    }

    private static boolean hasSqliteHeader(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot read database " + path + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot read database " + path + ": " + e.getMessage(), e);
        }
    }
}
