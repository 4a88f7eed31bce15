package dev.tradingbatch.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps one database's WAL file near {@code journal_size_limit} while writers and readers never pause.
 * <p>
 * SQLite's automatic checkpoint is PASSIVE: it copies the frames no reader still needs and lets the next
 * writer start the WAL over only once every frame was copied and no reader is inside the WAL. With a
 * reader always open and writers committing between the checkpoint's start and end, that moment rarely
 * comes, and the WAL grows by everything written meanwhile (1.8 GB in two minutes of 16 writers).
 * {@code journal_size_limit} alone does not help: SQLite applies it only when the WAL starts over.
 * <p>
 * So a writer that finds the file larger than the limit before it begins a transaction first runs a
 * RESTART checkpoint: it takes the write lock (other writers wait on their busy timeout), copies every
 * frame and waits for readers to leave the WAL, so the next write starts the WAL over and truncates the
 * file to the limit. Only transactions that began before the file crossed the limit still add to it (one
 * per connection at most): the file stays within the limit plus those. Durability is unchanged (the
 * checkpoint syncs the database file; synchronous and journal_mode are untouched).
 */
final class WalLimit {

    private static final Logger log = LoggerFactory.getLogger(WalLimit.class);

    private final Path wal;
    private final long limitBytes;
    /** One checkpoint per process at a time; the process's other writers go on to wait for the write lock. */
    private final AtomicBoolean checkpointing = new AtomicBoolean();

    WalLimit(Path database, long limitBytes) {
        this.wal = Path.of(database + "-wal");
        this.limitBytes = limitBytes;
    }

    /** The bound a URL asks for, or null when it sets none ({@code journal_size_limit} missing or negative). */
    static WalLimit of(String url) {
        Path file = SqliteUrls.file(url);
        String limit = SqliteUrls.setting(url, "journal_size_limit");
        if (file == null || limit == null || Long.parseLong(limit) < 0) {
            return null;
        }
        return new WalLimit(file, Long.parseLong(limit));
    }

    /**
     * Called with a connection outside any transaction, before it begins one: while the file is larger
     * than the limit, runs a RESTART checkpoint (or waits for this process's other writer running one)
     * until one completes, so no transaction begins on an oversized WAL. Never fails the caller's write:
     * after {@code maxWaitMillis} (the busy timeout) it logs and lets the write go ahead.
     */
    void keep(Connection connection, long maxWaitMillis) {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
        long pause = 1;
        for (long size = size(); size > limitBytes; size = size()) {
            if (checkpointing.compareAndSet(false, true)) {
                try {
                    if (restart(connection, size)) {
                        return; // the next write starts the WAL over; journal_size_limit truncates the file
                    }
                } finally {
                    checkpointing.set(false);
                }
            }
            if (System.nanoTime() > deadline) {
                log.warn("WAL of {} is {} bytes, over its limit of {}: no checkpoint could finish within {} ms",
                        wal, size, limitBytes, maxWaitMillis);
                return;
            }
            try {
                Thread.sleep(pause); // another process's checkpoint is running, or readers stayed
                pause = Math.min(pause * 2, 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a RESTART checkpoint completed (false: another checkpoint ran, or readers stayed). */
    private boolean restart(Connection connection, long size) {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
            return rs.next() && rs.getInt(1) == 0;
        } catch (SQLException e) {
            log.warn("WAL of {} is {} bytes, over its limit of {}: checkpoint failed: {}", wal, size, limitBytes,
                    e.getMessage());
            return false;
        }
    }

    private long size() {
        try {
            return Files.size(wal);
        } catch (IOException e) {
            return 0; // no WAL file yet (or the last connection to close removed it)
        }
    }
}
