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

/** A bad {@code trading.exchanges} key, as a user's shell sees it: one line in all (no start-up report, no stack trace), exit code 2. */
class ExchangeConfigProcessIT {

    @TempDir
    Path dir;

    @Test
    void shouldPrintOneLineAndExitWithTwo() throws Exception {
        Path log = dir.resolve("markets.log");
        Process p = ChildJvm.start(log, Map.of(
                "spring.datasource.url", TestDatabases.url(dir.resolve("data").resolve("trading.db")),
                "trading.exchanges.binanse.max-attempts", "3"), "markets");

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(log))
                .containsExactly("error: trading.exchanges.binanse: unknown exchange (known: binance, coinbase, kraken)");
    }
}
