package dev.tradingbatch.db;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A consistent copy of a live SQLite database while other processes go on writing, checked by opening
 * it read-only.
 * <p>
 * The copy is SQLite's online backup run inside a read transaction: in WAL mode a reader sees one
 * snapshot and never blocks the writers, and the backup of that connection copies exactly that
 * snapshot, so the row counts taken in the same transaction are the copy's. ({@code VACUUM INTO}
 * copies a snapshot as well but refuses to run inside a transaction, so its counts could not be
 * tied to the copy.)
 */
public class SqliteBackup {

    private final DataSource dataSource;

    public SqliteBackup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Copies the database into {@code target} (a new, empty file), makes the copy one self-contained file
     * and checks it: {@code PRAGMA integrity_check} must say ok and its row counts must be the snapshot's.
     * Returns those counts. The caller removes the file on failure.
     */
    public TableCounts copyTo(Path target) throws SQLException {
        return copyTo(target, () -> {
        });
    }

    /** {@link #copyTo(Path)}, running {@code copied} once the pages are copied, before the copy is checked. */
    public TableCounts copyTo(Path target, Runnable copied) throws SQLException {
        TableCounts atCopy = copy(target);
        copied.run();
        singleFile(target);
        TableCounts inCopy = verify(target);
        if (!inCopy.equals(atCopy)) {
            throw new IllegalStateException("the copy holds " + inCopy + " where the database held " + atCopy);
        }
        return atCopy;
    }

    /** Copies the database in one read transaction; returns the row counts of that snapshot. */
    private TableCounts copy(Path target) throws SQLException {
        try (Connection pooled = dataSource.getConnection()) {
            SQLiteConnection sqlite = pooled.unwrap(SQLiteConnection.class);
            try (Statement statement = sqlite.createStatement()) {
                // DEFERRED by hand: the connections begin IMMEDIATE, which would take the write lock
                statement.execute("BEGIN DEFERRED");
                try {
                    TableCounts counts = TableCounts.read(statement);
                    int rc = sqlite.getDatabase().backup("main", target.toString(), null);
                    if (rc != SQLiteErrorCode.SQLITE_OK.code) {
                        throw new SQLException("online backup failed: " + SQLiteErrorCode.getErrorCode(rc));
                    }
                    return counts;
                } finally {
                    statement.execute("ROLLBACK");
                }
            }
        }
    }

    /**
     * Switches the copy from WAL to a rollback journal, so the backup is one self-contained file
     * (opening it leaves no -wal or -shm files beside it). The application switches a database back
     * to WAL when it opens it.
     */
    private static void singleFile(Path copy) throws SQLException {
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
        }
    }

    /** Opens the copy read-only: {@code PRAGMA integrity_check} must say ok; returns its row counts. */
    private static TableCounts verify(Path copy) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = readOnly.createConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new IllegalStateException("PRAGMA integrity_check on the copy: " + String.join("; ", problems));
            }
            return TableCounts.read(s);
        }
    }
}
