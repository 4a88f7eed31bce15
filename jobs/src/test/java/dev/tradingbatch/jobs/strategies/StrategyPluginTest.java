package dev.tradingbatch.jobs.strategies;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategyPlugins;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.plugins.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Strategy types of plugin jars, through the commands: listed, refused in one line, evaluated and replayed. */
class StrategyPluginTest {

    @TempDir
    Path dir;

    private CliRun cli(Path plugins) {
        return new CliRun(dir).with("trading.plugins.dir", plugins.toString());
    }

    @Test
    void shouldListTheBuiltInTypesWithTheirParams() {
        CliRun.Result r = cli(dir.resolve("plugins")).run("strategies", "types");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                rsi (built-in): RSI mean reversion: buy when the RSI falls through oversold, sell when it rises through overbought
                  period           14         an integer in [2, 500]
                  oversold         30         a number in (0, 100)
                  overbought       70         a number in (0, 100)
                  stop-loss        optional   a number in (0, 100)
                  take-profit      optional   a number > 0
                """).contains("macd (built-in): ").contains("scalping (built-in): ").contains("trend (built-in): ")
                .doesNotContain("sma-cross");
    }

    @Test
    void shouldListAPluginTypeWithItsJar() {
        Path jar = TestPlugins.smaCross(dir.resolve("plugins").resolve("sma.jar"));

        CliRun.Result r = cli(dir.resolve("plugins")).run("strategies", "types");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sma-cross (" + jar + "): SMA crossover\n"
                + "  fast             5          an integer in [2, 100]\n"
                + "  slow             20         an integer in [3, 400]\n");
    }

    @Test
    void shouldStopEveryCommandInOneLineNamingABadPlugin() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.smaCross(plugins.resolve("a.jar"));
        TestPlugins.smaCross(plugins.resolve("b.jar"));
        CliRun cli = cli(plugins);

        for (String[] command : List.of(new String[] {"strategies", "types"}, new String[] {"markets"})) {
            CliRun.Result r = cli.run(command);
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: two strategy types are named 'sma-cross': " + plugins.resolve("a.jar")
                    + " and " + plugins.resolve("b.jar") + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }

        Files.delete(plugins.resolve("b.jar"));
        Files.writeString(plugins.resolve("b.jar"), "not a jar");
        CliRun.Result r = cli.run("strategies", "types");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: plugin " + plugins.resolve("b.jar") + ": not a readable jar (")
                .hasLineCount(1);
    }

    @Test
    void shouldExportAPluginStrategyAsJsonThatTradesTheSame() {
        Path plugins = dir.resolve("plugins");
        TestPlugins.smaCross(plugins.resolve("sma.jar"));
        CliRun cli = cli(plugins);
        BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "sma-bs-5m", "sma-cross", Map.of("fast", "8", "slow", "30", "stop-loss", "1.5"));

        CliRun.Result export = cli.run("strategies", "export", "--strategy", "sma-bs-5m");
        assertThat(export.exitCode()).as(export.err()).isZero();
        BitstampSample.declare(cli, "sma-json", "ta4j", Map.of()).with("trading.strategies.sma-json.definition",
                export.out());
        CliRun.Result plugin = cli.run("replay", "--strategy", "sma-bs-5m");
        CliRun.Result json = cli.run("replay", "--strategy", "sma-json");

        assertThat(export.out()).contains("\"type\": \"SMAIndicator\"", "\"type\": \"StopLossRule\"");
        assertThat(plugin.exitCode()).as(plugin.out() + plugin.err()).isZero();
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        String trades = "SELECT side, candle_time, price FROM strategy_trades WHERE run_id = ? ORDER BY candle_time";
        assertThat(cli.query(trades, "replay-3")).hasSizeGreaterThanOrEqualTo(20)
                .isEqualTo(cli.query(trades, "replay-2"));
    }

    @Test
    void shouldRefuseToExportAPluginWhoseOwnIndicatorTa4jCannotRead() {
        Path plugins = dir.resolve("plugins");
        TestPlugins.peeking(plugins.resolve("peeking.jar"));
        CliRun cli = cli(plugins);
        BitstampSample.declare(cli, "peek", "peeking", Map.of());

        CliRun.Result export = cli.run("strategies", "export", "--strategy", "peek");

        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).isEqualTo("failed: the JSON of peek does not read back as the same strategy: ta4j "
                + "cannot read it back: at $.rules[0].components[0] (NextClose): unknown indicator type 'NextClose'"
                + System.lineSeparator());
    }

    @Test
    void shouldEvaluateAndReplayAPluginStrategyAsABuiltInOne() {
        Path plugins = dir.resolve("plugins");
        TestPlugins.smaCross(plugins.resolve("sma.jar"));
        CliRun cli = cli(plugins);
        List<Candle> candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "sma-bs-5m", "sma-cross", Map.of("fast", "8", "slow", "30"));
        List<Fill> expected;
        try (StrategyPlugins loaded = StrategyPlugins.load(plugins)) {
            StrategySpec spec = loaded.types().spec("sma-cross", Map.of("fast", "8", "slow", "30"));
            expected = BitstampSample.fills(candles, spec, candles.get(spec.warmUpBars()).openTime(),
                    candles.getLast().openTime());
        }

        CliRun.Result replay = cli.run("replay", "--strategy", "sma-bs-5m");
        long last = candles.getLast().openTime();
        CliRun.Result evaluate = cli.clock(Clock.fixed(Instant.ofEpochMilli(last + Timeframe.M5.millis() + 1000),
                ZoneOffset.UTC)).run("evaluate", "--strategy", "sma-bs-5m");

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).startsWith("replay sma-bs-5m (sma-cross fast=8,slow=30 on bitstamp BTC/USD 5m) ");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cli.query("SELECT side, candle_time, price FROM strategy_trades WHERE run_id = 'replay-2' "
                + "ORDER BY candle_time")).containsExactlyElementsOf(expected.stream().map(f -> Map.<String, Object>of(
                "side", f.side().code(), "candle_time", f.candleTime(), "price", f.price().toPlainString())).toList());
        assertThat(evaluate.exitCode()).as(evaluate.out() + evaluate.err()).isZero();
        assertThat(evaluate.out()).startsWith("evaluate sma-bs-5m (sma-cross on bitstamp BTC/USD 5m): 1 candle evaluated");
    }
}
