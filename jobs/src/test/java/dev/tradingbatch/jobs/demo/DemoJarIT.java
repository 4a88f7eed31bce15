package dev.tradingbatch.jobs.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo command as a newcomer runs it: the packaged jar alone, started in an empty folder,
 * reads the samples it carries. Runs after {@code package}, which builds the jar.
 */
class DemoJarIT {

    private static final Path JAR = Path.of("target", "trading-batch.jar").toAbsolutePath();

    @TempDir
    Path empty;

    @TempDir
    Path logs;

    @Test
    void shouldRunTheDemoFromAnEmptyFolderWithTheJarAlone() throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar (./mvnw package builds it)").isRegularFile();
        Path output = logs.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo")
                .directory(empty.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean ended = demo.waitFor(10, TimeUnit.MINUTES);
        String out = Files.readString(output);
        if (!ended) {
            demo.destroyForcibly();
        }

        assertThat(ended).as("demo ended within 10 minutes: %s", out).isTrue();
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).contains("import data/demo-samples/bitstamp-BTC-USD-5m.csv as bitstamp BTC/USD 5m: "
                        + "0 pages fetched, 1917 stored, 0 already present, 0 rejected (COMPLETED")
                .contains("import data/demo-samples/binanceus-ETH-USD-5m.csv as binanceus ETH/USD 5m: "
                        + "0 pages fetched, 580 stored, 0 already present, 0 rejected (COMPLETED")
                .containsPattern("demo-rsi +bitstamp BTC/USD 5m +\\d+ +17 +-?\\d+\\.\\d\\d% +\\d+\\.\\d\\d% +19\\.98% ");
        for (String id : new String[] {"demo-rsi", "demo-macd", "demo-scalping", "demo-trend"}) {
            assertThat(empty.resolve("reports").resolve(id + ".html")).as(id).isRegularFile();
        }
        assertThat(empty.resolve("data/demo.db")).isRegularFile();
        assertThat(empty.resolve("data/demo-samples/bitstamp-BTC-USD-5m.csv"))
                .as("the bundled sample, byte for byte")
                .hasSameBinaryContentAs(Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv"));
    }
}
