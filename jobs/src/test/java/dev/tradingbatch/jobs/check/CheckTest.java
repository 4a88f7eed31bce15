package dev.tradingbatch.jobs.check;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.strategies.plugins.TestPlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} on the bundled Bitstamp sample: the built-in types and the documented JSON examples come out clean,
 * a plugin that reads the next candle and a JSON strategy with ta4j's too short count of unstable bars do not.
 */
class CheckTest {

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir).with("trading.plugins.dir", dir.resolve("plugins").toString());
        BitstampSample.importInto(cli);
    }

    @Test
    void shouldFindABuiltInTypeClean() {
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("oversold", "35", "overbought", "65"));

        CliRun.Result r = cli.run("check", "--strategy", "rsi-bs-5m");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("check rsi-bs-5m (rsi overbought=65,oversold=35,period=14 on bitstamp BTC/USD 5m) "
                        + "[2013-11-28T04:45:00Z, 2013-12-01T16:05:00Z): 1000 candles, ")
                .contains("""
                        look-ahead: none: evaluated candle by candle, as the live trader does, it fills and computes its \
                        indicators exactly as the replay
                        warm-up: 154 candles suffice: with 308 the signals are the same
                        clean
                        """);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).as("check writes nothing").isZero();
    }

    @Test
    void shouldFindTrendCleanWithParametersWhoseWarmUpTheSampleHoldsTwice() {
        // trend's default warm-up (1205 candles) twice is longer than the sample: shorter averages
        BitstampSample.declare(cli, "trend-bs-5m", "trend", Map.of("fast", "10", "slow", "30", "adx-period", "10"));

        CliRun.Result r = cli.run("check", "--strategy", "trend-bs-5m");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("check trend-bs-5m (trend ")
                .containsPattern("\\): \\d+ candles, ([4-9]|[1-9]\\d+) fills replayed").contains("look-ahead: none")
                .containsPattern("warm-up: \\d+ candles suffice: with \\d+ the signals are the same")
                .endsWith("clean" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma-trend", "bollinger-breakout", "rsi-stop"})
    void shouldFindTheDocumentedJsonExamplesClean(String example) {
        BitstampSample.declare(cli, example, "ta4j", Map.of()).with("trading.strategies." + example
                + ".definition-file", Path.of("..", "config", "strategies", example + ".json").toString());

        CliRun.Result r = cli.run("check", "--strategy", example, "--from", "2013-11-29");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("look-ahead: none").endsWith("clean" + System.lineSeparator());
    }

    @Test
    void shouldCatchAPluginThatReadsTheNextCandle() {
        TestPlugins.peeking(dir.resolve("plugins").resolve("peeking.jar"));
        BitstampSample.declare(cli, "peek", "peeking", Map.of());

        CliRun.Result r = cli.run("check", "--strategy", "peek", "--from", "2013-12-01T00:00:00Z");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("look-ahead: on \\d+ of 193 candles the live trader, seeing only the "
                        + "candles closed so far, differs from the replay; the first:")
                .contains("  2013-12-01T00:00:00Z  replay: ")
                .containsPattern("    NextClose: replay \\d+\\.\\d+, live \\d+\\.\\d+")
                .contains("warm-up: 1 candles suffice")
                .endsWith("differences found (exit code 1)" + System.lineSeparator());
    }

    @Test
    void shouldCatchTooShortAWarmUp() {
        String fast = "{\"type\":\"EMAIndicator\",\"parameters\":{\"barCount\":5},\"components\":[{\"type\":\"ClosePriceIndicator\"}]}";
        String slow = fast.replace("\"barCount\":5", "\"barCount\":50");
        String definition = "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedUpIndicatorRule\",\"label\":\"entry\","
                + "\"components\":[" + fast + "," + slow + "]},{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"exit\","
                + "\"components\":[" + fast + "," + slow + "]}]}";
        BitstampSample.declare(cli, "ema", "ta4j", Map.of()).with("trading.strategies.ema.definition", definition);

        CliRun.Result r = cli.run("check", "--strategy", "ema");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("look-ahead: none")
                .containsPattern("warm-up: 51 candles are too few: with 102 the signals differ on \\d+ candles; the first:")
                .containsPattern("  \\S+Z  102 candles: (buy|sell|nothing)\\S*.*, 51 candles: ");
    }

    @Test
    void shouldRefuseARangeWithoutTwiceTheWarmUpBeforeIt() {
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of());

        CliRun.Result r = cli.run("check", "--strategy", "rsi-bs-5m", "--from", "2013-11-25T12:00:00Z");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --from 2013-11-25T12:00:00Z leaves fewer than 308 candles before it "
                + "(check compares 154 candles of warm-up with twice as many): the earliest --from is "
                + "2013-11-26T02:00:00Z" + System.lineSeparator());
    }
}
