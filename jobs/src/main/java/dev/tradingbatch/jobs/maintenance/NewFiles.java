package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.jobs.BadInputException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Where {@code backup} and {@code archive} write: always a new file, never one that exists. */
public final class NewFiles {

    private NewFiles() {
    }

    /** {@code file} as an absolute path, checked: it does not exist and its folder does. */
    public static Path check(String option, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(option, file);
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException(option + " " + file + ": the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new BadInputException(option + " " + file + ": the folder " + folder + " is not writable");
        }
        return absolute;
    }

    static BadInputException exists(String option, Path file) {
        return new BadInputException(option + " " + file + " exists already: it is never overwritten, name a new file");
    }
}
