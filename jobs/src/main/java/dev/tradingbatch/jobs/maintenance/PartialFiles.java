package dev.tradingbatch.jobs.maintenance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How {@code backup} and {@code archive} make a new file: written under a hidden temporary name in the same folder,
 * checked there, then renamed to its name in one atomic step. A file at the name the user gave is therefore always
 * whole and checked; a run killed on the way leaves only the temporary file, which the next run replaces.
 */
final class PartialFiles {

    private static final String PARTIAL = ".partial";

    private PartialFiles() {
    }

    /**
     * The temporary name of {@code file}: {@code .backup.db.partial} for {@code backup.db}. {@code keptSuffix} stays
     * at the end ({@code .old.partial.csv.gz} for {@code old.csv.gz}), for readers that go by it.
     */
    static Path of(Path file, String keptSuffix) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - keptSuffix.length());
        return file.resolveSibling("." + stem + PARTIAL + keptSuffix);
    }

    /**
     * Renames the checked {@code partial} to {@code file} atomically (in the same folder: one rename), and makes the
     * rename durable. A file that appeared at that name meanwhile is never replaced: bad input, as at the start.
     */
    static void publish(Path partial, Path file, String option) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw NewFiles.exists(option, file);
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + partial + " to " + file + " in one step: " + e.getMessage(), e);
        }
        syncFolder(file.getParent());
    }

    /** Forces the folder's entries to disk, so that the rename survives a power cut; not every system allows it. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // the rename is done; a folder that cannot be forced is the file system's way
        }
    }
}
