package dev.tradingbatch.jobs.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The demo's sample files as the jar carries them ({@code samples/} on the class path), so that
 * {@code demo} runs from any folder with the jar alone. The backfill job reads files, so they are
 * copied into a folder first; a copy already there with the same bytes is left alone, keeping the
 * modification time by which a second import of the same file is recognised.
 */
public final class BundledSamples {

    private BundledSamples() {
    }

    /** Copies every sample into {@code dir} (created when missing) and returns {@code dir}. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (DemoStrategies.Sample s : DemoStrategies.SAMPLES) {
                byte[] bytes = read(s.file());
                Path file = dir.resolve(s.file());
                if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                    Files.write(file, bytes);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled samples to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = BundledSamples.class.getResourceAsStream("/samples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("samples/" + file + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}
