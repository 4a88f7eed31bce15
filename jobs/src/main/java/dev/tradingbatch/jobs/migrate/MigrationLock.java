package dev.tradingbatch.jobs.migrate;

import dev.tradingbatch.db.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive operating-system lock on a file beside the SQLite database ({@code trading.db} has
 * {@code trading.db.migrate.lock}), so that of several processes starting on one database only one
 * runs the schema migration at a time. The lock goes with the process: one that dies holding it
 * frees it. The file stays (removing it while another process waits on it would let a third lock
 * a new file beside the waiter); it is empty.
 */
final class MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);

    /** The OS lock belongs to the whole JVM (a second one from this process throws): its threads take turns here. */
    private static final ReentrantLock THIS_PROCESS = new ReentrantLock();

    private final Path file;

    private MigrationLock(Path file) {
        this.file = file;
    }

    /** The lock of the database {@code database}: the file {@code <database>.migrate.lock} in its folder. */
    static MigrationLock beside(Path database) {
        Path db = database.toAbsolutePath();
        return new MigrationLock(db.resolveSibling(db.getFileName() + ".migrate.lock"));
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} holding the lock, waiting as long as another process holds it. */
    void run(Runnable work) {
        THIS_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                log.info("waiting for another process to finish migrating the schema (it holds {})", file);
                lock = channel.lock();
            }
            try {
                work.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot lock " + file + " to migrate the schema: " + e, e);
        } finally {
            THIS_PROCESS.unlock();
        }
    }
}
