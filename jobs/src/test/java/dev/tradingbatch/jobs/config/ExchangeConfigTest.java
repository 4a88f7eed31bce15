package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trading.exchanges} is checked when any command starts: an exchange that does not exist or a
 * value its settings refuse stops the command with one line naming the key, exit code 2. The
 * exchanges named to the user are the registry's.
 */
class ExchangeConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            binanse.base-url              | http://127.0.0.1:9 | trading.exchanges.binanse: unknown exchange (known: binance, coinbase, kraken)
            binance.max-attempts          | 0                  | trading.exchanges.binance.max-attempts must be at least 1, was 0
            binance.initial-backoff       | -1s                | trading.exchanges.binance.initial-backoff must not be negative, was PT-1S
            coinbase.max-backoff          | 500ms              | trading.exchanges.coinbase.max-backoff PT0.5S is shorter than initial-backoff PT1S
            kraken.max-retry-after        | -5m                | trading.exchanges.kraken.max-retry-after must not be negative, was PT-5M
            kraken.read-timeout           | 0s                 | trading.exchanges.kraken.read-timeout must be between 1 ms and ~24 days, was PT0S
            binance.connect-timeout       | -10s               | trading.exchanges.binance.connect-timeout must be between 1 ms and ~24 days, was PT-10S
            binance.base-url              | api.binance.com    | trading.exchanges.binance.base-url must be an http or https URL, was 'api.binance.com'
            binance.archive-url           | data.binance.vision | trading.exchanges.binance.archive-url must be an http or https URL, was 'data.binance.vision'
            kraken.archive-url            | http://127.0.0.1:9 | trading.exchanges.kraken.archive-url: only binance has a public data archive
            binance.budget.limit          | 0                  | trading.exchanges.binance.budget.limit must be at least 1, was 0
            binance.budget.window         | 0s                 | trading.exchanges.binance.budget.window must be positive, was PT0S
            coinbase.budget.request-weight | 11                | trading.exchanges.coinbase.budget.request-weight must be between 1 and the limit 10, was 11
            binance.max-attempts          | many               | cannot read trading.exchanges.binance.max-attempts='many' as Integer
            """)
    void shouldRefuseABadExchangeSetting(String key, String value, String message) {
        CliRun.Result r = new CliRun(dir).with("trading.exchanges." + key, value).run("markets");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"markets", "gaps", "jobs list", "report", "evaluate --strategy btc-bin-1h",
            "backfill --exchange binance --symbol BTC/USDT --timeframe 1h", "replay list", "health"})
    void shouldStopEveryCommandOnAnUnknownExchange(String command) {
        CliRun.Result r = new CliRun(dir).with("trading.exchanges.binanse.max-attempts", "3").run(command.split(" "));

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(
                "error: trading.exchanges.binanse: unknown exchange (known: binance, coinbase, kraken)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BINANCE", "Binance"})
    void shouldTakeAnExchangeNameInAnyCase(String name) {
        CliRun.Result r = new CliRun(dir).with("trading.exchanges." + name + ".max-attempts", "0").run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.exchanges.binance.max-attempts must be at least 1, was 0\n");
    }

    @Test
    void shouldListTheRegistrysExchangesInTheBackfillHelp() {
        CliRun.Result r = new CliRun(dir).run("backfill", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("--exchange=NAME binance, coinbase, kraken, file (file: a CSV given with --file)");
    }
}
