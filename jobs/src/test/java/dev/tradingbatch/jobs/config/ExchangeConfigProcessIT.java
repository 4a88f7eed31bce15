package dev.tradingbatch.jobs.config;

import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration error, as a user's shell sees it: one line in all (no start-up report, no stack trace, even when
 * the start fails before logging is set up), exit code 2, no database created.
 */
class ExchangeConfigProcessIT {

    @TempDir
    Path dir;

    @Test
    void shouldPrintOneLineAndExitWithTwo() throws Exception {
        assertOneLine(Map.of("trading.exchanges.binanse.max-attempts", "3"),
                "error: trading.exchanges.binanse: unknown exchange (known: binance, coinbase, kraken)");
    }

    @Test
    void shouldPrintOneLineForAnUnknownKeyAndAValueOfTheWrongType() throws Exception {
        assertOneLine(Map.of("trading.strategies.s1.slipage-bps", "50"),
                "error: trading.strategies.s1.slipage-bps is not a setting; did you mean trading.strategies.s1.slippage-bps?");
        assertOneLine(Map.of("trading.backfill.progress", "sometimes"),
                "error: cannot read trading.backfill.progress='sometimes' as Progress (auto, always, never)");
    }

    @Test
    void shouldPrintOneLineForAFileThatIsNotYaml() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yml"), "trading:\n  backfill:\n    chunk-size: 500\n   progress: never\n");

        assertOneLine(Map.of("spring.config.additional-location", "file:" + file),
                "error: " + file + " line 4, column 4 is not YAML: expected <block end>, but found '<block mapping start>'"
                        + " while parsing a block mapping");
    }

    private void assertOneLine(Map<String, String> properties, String line) throws Exception {
        Path log = dir.resolve("markets-" + System.nanoTime() + ".log");
        Path database = dir.resolve("data").resolve("trading.db");
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("spring.datasource.url", TestDatabases.url(database));
        Process p = ChildJvm.start(log, all, "markets");

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(log)).containsExactly(line);
        assertThat(database).doesNotExist();
    }
}
