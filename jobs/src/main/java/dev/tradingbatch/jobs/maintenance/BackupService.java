package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.SqliteBackup;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.db.TableCounts;
import dev.tradingbatch.jobs.BadInputException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code backup --to FILE}: a consistent copy of the live SQLite database while other processes go
 * on writing ({@link SqliteBackup}), checked by opening it read-only before it is reported. The copy
 * is a new file; on any failure nothing is left of it.
 * <p>
 * The copy is made under a temporary name beside it ({@link PartialFiles}) and renamed once checked: a run killed
 * on the way leaves no file at the name asked for (a half-made copy there, with its journal, opens as an empty
 * database), only a temporary file that the next run replaces.
 */
@Service
public class BackupService {

    private final SqliteBackup sqlite;
    private final String url;
    private final PartialFileHook hook;

    BackupService(SqliteBackup sqlite, DataSourceProperties properties, PartialFileHook hook) {
        this.sqlite = sqlite;
        this.url = properties.determineUrl();
        this.hook = hook;
    }

    /** What a backup wrote: the copy holds {@code counts} rows, as the database did at the moment of the copy. */
    public record Backup(Path database, Path copy, long bytes, TableCounts counts) {
    }

    /**
     * Copies the database to {@code target}, a new file: into its temporary file (what a killed run left there is
     * replaced), checked, then renamed. On any failure the temporary file is removed.
     */
    public Backup backup(Path target) {
        Path partial = PartialFiles.of(target, "");
        remove(partial);
        try {
            TableCounts counts = sqlite.copyTo(partial, () -> hook.written(partial));
            long bytes = Files.size(partial);
            PartialFiles.publish(partial, target, "--to");
            return new Backup(SqliteUrls.file(url), target, bytes, counts);
        } catch (BadInputException e) {
            remove(partial);
            throw e;
        } catch (SQLException | IOException | RuntimeException e) {
            remove(partial);
            // the cause is kept as suppressed: failures are reported by their root cause, and this message says more
            IllegalStateException failure = new IllegalStateException("backup to " + target
                    + " failed, nothing kept: " + e.getMessage());
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /** The file with the journal, WAL and shared-memory files SQLite may have left beside it. */
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
