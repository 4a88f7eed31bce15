package dev.tradingbatch.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A write that failed because the database's disk is full: SQLite's SQLITE_FULL (SQLite reports a full disk so,
 * and also a database at its {@code max_page_count}), PostgreSQL's {@code disk_full} (SQLSTATE 53100), or the
 * operating system's "No space left on device". What a user is told then: which database, and how much room its
 * disk has left.
 */
public final class DatabaseFull {

    private static final int SQLITE_FULL = 13;
    private static final String POSTGRESQL_DISK_FULL = "53100";

    private DatabaseFull() {
    }

    /** Whether {@code failure} or one of its causes is a full database or disk. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (isSqliteFull(sql) || POSTGRESQL_DISK_FULL.equals(sql.getSQLState()))) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("SQLITE_FULL")
                    || (t instanceof IOException && message.contains("No space left on device")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSqliteFull(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite.") && (e.getErrorCode() & 0xff) == SQLITE_FULL;
    }

    /**
     * One line: the database (the SQLite file, or {@code where} as given for a server), the free space on the
     * SQLite file's disk, and what to do.
     */
    public static String message(String where, Path sqliteFile) {
        String room = "";
        if (sqliteFile != null) {
            Path file = sqliteFile.toAbsolutePath();
            where = file.toString();
            room = " (" + free(file) + " free on its disk)";
        }
        return "database " + where + " is full" + room + ": nothing past the last commit was written; free space,"
                + " then run the same command again to continue where it stopped";
    }

    private static String free(Path file) {
        try {
            long bytes = Files.getFileStore(Files.exists(file) ? file : file.getParent()).getUsableSpace();
            return bytes >= 10L * 1024 * 1024
                    ? String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024))
                    : String.format(Locale.ROOT, "%d KB", bytes / 1024);
        } catch (IOException | RuntimeException e) {
            return "unknown space";
        }
    }
}
