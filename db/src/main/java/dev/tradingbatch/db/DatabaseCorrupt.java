package dev.tradingbatch.db;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A read or write that found the SQLite file damaged: SQLITE_CORRUPT ("database disk image is malformed") or
 * SQLITE_NOTADB raised part-way through a command, on a page the check at start ({@link SqliteFileCheck}) does not
 * read. What a user is told then: which file, and how to find out more or get the data back.
 */
public final class DatabaseCorrupt {

    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private DatabaseCorrupt() {
    }

    /** Whether {@code failure} or one of its causes says the database file is damaged. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getClass().getName().startsWith("org.sqlite.")
                    && ((sql.getErrorCode() & 0xff) == SQLITE_CORRUPT || (sql.getErrorCode() & 0xff) == SQLITE_NOTADB)) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("SQLITE_CORRUPT") || message.contains("SQLITE_NOTADB"))) {
                return true;
            }
        }
        return false;
    }

    /** One line: the file (or {@code where} as given when it is not known), and what to do. */
    public static String message(String where, Path sqliteFile) {
        String file = sqliteFile == null ? where : sqliteFile.toAbsolutePath().toString();
        return "database " + file + " is damaged (SQLite: database disk image is malformed): see what sqlite3 " + file
                + " 'PRAGMA integrity_check' says, and restore a copy made with the backup command";
    }
}
