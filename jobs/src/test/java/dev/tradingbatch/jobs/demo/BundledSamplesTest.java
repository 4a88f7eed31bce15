package dev.tradingbatch.jobs.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BundledSamplesTest {

    private static final Path REPOSITORY_SAMPLES = Path.of("..", "samples");

    @TempDir
    Path dir;

    @Test
    void shouldCopyTheSamplesTheJarCarriesByteForByte() {
        Path copied = BundledSamples.copyTo(dir.resolve("demo-samples"));

        for (DemoStrategies.Sample s : DemoStrategies.SAMPLES) {
            assertThat(copied.resolve(s.file())).hasSameBinaryContentAs(REPOSITORY_SAMPLES.resolve(s.file()));
        }
    }

    @Test
    void shouldLeaveAnIdenticalCopyAloneSoThatASecondDemoImportsNothingTwice() throws IOException {
        Path file = BundledSamples.copyTo(dir).resolve(DemoStrategies.BITSTAMP.file());
        FileTime earlier = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, earlier);

        BundledSamples.copyTo(dir);

        assertThat(Files.getLastModifiedTime(file)).isEqualTo(earlier);
    }

    @Test
    void shouldReplaceACopyThatDiffers() throws IOException {
        Path file = dir.resolve(DemoStrategies.BITSTAMP.file());
        Files.writeString(file, "open_time,open,high,low,close,volume\n");

        BundledSamples.copyTo(dir);

        assertThat(file).hasSameBinaryContentAs(REPOSITORY_SAMPLES.resolve(DemoStrategies.BITSTAMP.file()));
    }
}
