package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.SqliteBackup;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.db.TableCounts;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code backup --to FILE}: a consistent copy of the live SQLite database while other processes go
 * on writing ({@link SqliteBackup}), checked by opening it read-only before it is reported. The copy
 * is a new file; on any failure nothing is left of it.
 */
@Service
public class BackupService {

    private final SqliteBackup sqlite;
    private final String url;

    BackupService(SqliteBackup sqlite, DataSourceProperties properties) {
        this.sqlite = sqlite;
        this.url = properties.determineUrl();
    }

    /** What a backup wrote: the copy holds {@code counts} rows, as the database did at the moment of the copy. */
    public record Backup(Path database, Path copy, long bytes, TableCounts counts) {
    }

    /** Copies the database to {@code target}, a new file; on any failure the partial copy is removed. */
    public Backup backup(Path target) {
        try {
            Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
            throw NewFiles.exists("--to", target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target + ": " + e.getMessage(), e);
        }
        try {
            TableCounts counts = sqlite.copyTo(target);
            return new Backup(SqliteUrls.file(url), target, Files.size(target), counts);
        } catch (SQLException | IOException | RuntimeException e) {
            remove(target);
            // the cause is kept as suppressed: failures are reported by their root cause, and this message says more
            IllegalStateException failure = new IllegalStateException("backup to " + target
                    + " failed, nothing kept: " + e.getMessage());
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private static void remove(Path copy) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(Path.of(copy + suffix));
            } catch (IOException ignored) {
                // the failure being reported matters more than a leftover file
            }
        }
    }
}
