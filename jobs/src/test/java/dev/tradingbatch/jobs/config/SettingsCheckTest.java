package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A typo in the settings under {@code trading.} never passes: an unknown key names the nearest known one, one setting
 * spelled two ways names both, a value of the wrong type names key and value, a YAML file that is not YAML names the
 * file and line. One line, exit code 2, and the database is not even created.
 */
class SettingsCheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trading.strategies.s1.slipage-bps        | 50   | trading.strategies.s1.slippage-bps
            trading.strategies.s1.feerate.maker      | 0.1  | trading.strategies.s1.fee-rate
            trading.strategies.s1.defintion-file     | a.json | trading.strategies.s1.definition-file
            trading.backfil.chunk-size               | 10   | trading.backfill.chunk-size
            trading.backfill.chunk-size.max          | 10   | trading.backfill.chunk-size
            trading.exchanges.binance.max-atempts    | 3    | trading.exchanges.binance.max-attempts
            trading.exchanges.kraken.budget.limt     | 3    | trading.exchanges.kraken.budget.limit
            trading.markets[0].timeframe             | 1h   | trading.markets[0].timeframes
            trading.markets.exchange                 | binance | trading.markets[0].exchange
            trading.schedule.gap-fil-cron            | 0 0 * * * ? | trading.schedule.gap-fill-cron
            trading.database.busy-retry              | 2    | trading.database.busy-retries
            trading.nwo                              | 2024-01-01 | trading.now
            trading.plugin.dir                       | x    | trading.plugins.dir
            """)
    void shouldRefuseAnUnknownKeyNamingTheNearestOne(String key, String value, String nearest) {
        CliRun cli = new CliRun(dir).with(key, value);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + key + " is not a setting; did you mean " + nearest + "?\n");
        assertThat(r.out()).isEmpty();
        assertThat(cli.migrated()).as("nothing written: no database").isFalse();
    }

    @Test
    void shouldRefuseATypoInAConfigurationFileNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("strategies.yml"), """
                trading:
                  strategies:
                    s1: { exchange: binance, symbol: BTC/USDT, timeframe: 1h, type: rsi, stake: 1000 }
                    s2:
                      exchange: binance
                      slipage-bps: 50
                """);
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + file);

        CliRun.Result r = cli.run("evaluate", "--strategy", "s2");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + file + " line 6: trading.strategies.s2.slipage-bps is not a setting;"
                + " did you mean trading.strategies.s2.slippage-bps?\n");
        assertThat(cli.migrated()).isFalse();
    }

    @Test
    void shouldRefuseOneSettingSpelledTwoWaysInOneFile() throws IOException {
        Path file = Files.writeString(dir.resolve("strategies.yml"), """
                trading:
                  strategies:
                    s1:
                      fee_rate: 0.002
                      feerate: 0.003
                """);
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + file);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + file + " line 5: trading.strategies.s1.fee_rate and"
                + " trading.strategies.s1.feerate are one setting, trading.strategies.s1.fee-rate, spelled two ways:"
                + " give it once\n");
        assertThat(cli.migrated()).isFalse();
    }

    @Test
    void shouldRefuseOneSettingSpelledTwoWaysAmongTheGivenProperties() {
        CliRun cli = new CliRun(dir).with("trading.strategies.s1.fee-rate", "0.002")
                .with("trading.strategies.s1.fee_rate", "0.003");

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("trading.strategies.s1.fee-rate", "trading.strategies.s1.fee_rate")
                .endsWith(" are one setting, trading.strategies.s1.fee-rate, spelled two ways: give it once\n");
        assertThat(cli.migrated()).isFalse();
    }

    /** A higher source (here the command's own properties) overriding a file is no typo, however it spells the key. */
    @Test
    void shouldLetAnotherSourceOverrideAFileInAnySpelling() throws IOException {
        Path file = Files.writeString(dir.resolve("strategies.yml"), """
                trading:
                  backfill:
                    chunk-size: 500
                """);
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + file)
                .with("trading.backfill.chunksize", "200");

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            trading.strategies.s1.stake       | abc       | cannot read trading.strategies.s1.stake='abc' as BigDecimal
            trading.strategies.s1.warm-up     | 1.5       | cannot read trading.strategies.s1.warm-up='1.5' as Integer
            trading.backfill.progress         | sometimes | cannot read trading.backfill.progress='sometimes' as Progress (auto, always, never)
            trading.gaps.settle               | soon      | cannot read trading.gaps.settle='soon' as Duration
            trading.markets[0].history        | 1 year    | cannot read trading.markets[0].history='1 year' as Duration
            """)
    void shouldRefuseAValueOfTheWrongTypeNamingKeyAndValue(String key, String value, String message) {
        CliRun cli = new CliRun(dir).with(key, value);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(cli.migrated()).isFalse();
    }

    @Test
    void shouldRefuseAFileThatIsNotYamlNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yml"), """
                trading:
                  backfill:
                    chunk-size: 500
                   progress: never
                """);
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + file);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + file + " line 4, column 4 is not YAML: ").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(cli.migrated()).isFalse();
    }

    @Test
    void shouldRefuseAConfigurationFileThatDoesNotExist() {
        Path file = dir.resolve("nowhere.yml");
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + file);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString()).endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(cli.migrated()).isFalse();
    }

    /** The repository's example configuration uses every kind of key: all of them are known. */
    @Test
    void shouldTakeTheExampleConfiguration() {
        Path example = Path.of("..", "config", "application.yml").toAbsolutePath().normalize();
        CliRun cli = new CliRun(dir).with("spring.config.additional-location", "file:" + example);

        CliRun.Result r = cli.run("schedule");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("btc-bin-1h", "btc-kr-4h");
    }

    @Test
    void shouldRefuseATypoInAnEnvironmentVariableSpellingItAsOne() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "PATH", "/usr/bin", "TRADING_BACKFILL_CHUNKSIZE", "500",
                        "TRADING_STRATEGIES_S1_SLIPAGEBPS", "50")));

        assertThatThrownBy(() -> new SettingsCheck().postProcessEnvironment(environment, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("environment variable TRADING_STRATEGIES_S1_SLIPAGEBPS is not a setting; did you mean"
                        + " trading.strategies.s1.slippage-bps (TRADING_STRATEGIES_S1_SLIPPAGEBPS)?");
    }

    @Test
    void shouldNameTheSettingAnEnvironmentVariableSplitInTwo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "TRADING_BACKFILL_CHUNK_SIZE", "500")));

        assertThatThrownBy(() -> new SettingsCheck().postProcessEnvironment(environment, null))
                .hasMessage("environment variable TRADING_BACKFILL_CHUNK_SIZE is not a setting; did you mean"
                        + " trading.backfill.chunk-size (TRADING_BACKFILL_CHUNKSIZE)?");
    }

    @Test
    void shouldTakeEnvironmentVariablesThatAreSettings() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "TRADING_BACKFILL_CHUNKSIZE", "500", "TRADING_EXCHANGES_BINANCE_BASEURL", "http://127.0.0.1:9",
                        "TRADING_MARKETS_0_EXCHANGE", "binance", "TRADING_STRATEGIES_S1_FEERATE", "0.002",
                        "TRADING_STRATEGIES_S1_PARAMS_PERIOD", "14", "TRADING_NOW", "2024-01-01")));

        new SettingsCheck().postProcessEnvironment(environment, null);
    }
}
