package dev.tradingbatch.bench;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench starts the trader with the image's own JVM options and AOT training: its jar carries them unchanged. */
class ImageLayoutTest {

    /** The repository's docker/, beside this module's folder (the tests' working directory). */
    private static final Path DOCKER = Path.of("").toAbsolutePath().resolveSibling("docker");

    @Test
    void shouldCarryTheImagesOptionsFileAndTrainingScript() throws Exception {
        try (InputStream options = ImageLayout.class.getResourceAsStream(ImageLayout.OPTIONS_RESOURCE);
             InputStream training = ImageLayout.class.getResourceAsStream(ImageLayout.TRAINING_RESOURCE)) {
            assertThat(options).hasBinaryContent(Files.readAllBytes(DOCKER.resolve("java.options")));
            assertThat(training).hasBinaryContent(Files.readAllBytes(DOCKER.resolve("aot-training.sh")));
        }
    }
}
