package dev.tradingbatch.jobs.strategies;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.json.Ta4jDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategies declared in ta4j's JSON ({@code type: ta4j}): the three documented examples replayed on the bundled
 * sample, a definition refused in one line saying where, and {@code strategies export}.
 */
class Ta4jStrategiesTest {

    static final Path EXAMPLES = Path.of("..", "config", "strategies");

    @TempDir
    Path dir;

    private static CliRun declare(CliRun cli, String id, Map<String, String> keys) {
        BitstampSample.declare(cli, id, "ta4j", Map.of());
        keys.forEach((key, value) -> cli.with("trading.strategies." + id + "." + key, value));
        return cli;
    }

    private static List<Map<String, Object>> fills(List<Fill> fills) {
        return fills.stream().map(f -> Map.<String, Object>of("side", f.side().code(), "candle_time", f.candleTime(),
                "price", f.price().toPlainString())).toList();
    }

    private static List<Map<String, Object>> stored(CliRun cli, String run) {
        return cli.query("SELECT side, candle_time, price FROM strategy_trades WHERE run_id = ? ORDER BY candle_time",
                run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sma-trend, 199, 46", "bollinger-breakout, 20, 64", "rsi-stop, 154, 13"})
    void shouldReplayEachDocumentedExampleOnTheSample(String example, int warmUp, int fillCount) throws IOException {
        Path file = EXAMPLES.resolve(example + ".json");
        CliRun cli = new CliRun(dir);
        List<Candle> candles = BitstampSample.importInto(cli);
        declare(cli, example, Map.of("definition-file", file.toString()));
        StrategySpec spec = StrategySpec.defaults(StrategyType.of(Ta4jDefinition.parse(Files.readString(file), null),
                file.toString()));
        List<Fill> expected = BitstampSample.fills(candles, spec, candles.get(warmUp).openTime(),
                candles.getLast().openTime());

        CliRun.Result replay = cli.run("replay", "--strategy", example);

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(spec.warmUpBars()).isEqualTo(warmUp);
        assertThat(replay.out()).startsWith("replay " + example + " (ta4j " + file + " on bitstamp BTC/USD 5m) ")
                .contains(": " + (candles.size() - warmUp) + " candles, " + fillCount + " fills, run replay-2");
        assertThat(expected).hasSize(fillCount);
        assertThat(stored(cli, "replay-2")).isEqualTo(fills(expected));
    }

    @Test
    void shouldShowEachExampleInTheDocsAsItsFileHoldsIt() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "strategies.md"));
        for (String example : List.of("sma-trend", "bollinger-breakout", "rsi-stop")) {
            assertThat(docs).as(example).contains(Files.readString(EXAMPLES.resolve(example + ".json")));
        }
    }

    @Test
    void shouldRefuseABadDefinitionInOneLineSayingWhere() {
        String rsi = "{\"type\":\"RSIIndicator\",\"parameters\":{\"barCount\":14},\"components\":[{\"type\":\"ClosePriceIndicator\"}]}";
        String exit = "{\"type\":\"CrossedUpIndicatorRule\",\"label\":\"exit\",\"components\":[" + rsi
                + ",{\"type\":\"ConstantIndicator\",\"parameters\":{\"value\":\"70\"}}]}";
        Map<String, String> refused = Map.of(
                "{\"type\":\"BaseStrategy\",\"rules\":[",
                "definition is not JSON: End of input at line 1 column 33 path $.rules[0]",
                "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"entry\",\"components\":["
                        + "{\"type\":\"RSIIndicator\",\"parameters\":{\"barCount\":14},\"components\":[{\"type\":\"ClosePrice\"}]},"
                        + "{\"type\":\"ConstantIndicator\",\"parameters\":{\"value\":\"30\"}}]}," + exit + "]}",
                "definition at $.rules[0].components[0].components[0] (ClosePrice): unknown indicator type 'ClosePrice'",
                "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"entry\",\"components\":["
                        + rsi + "]}," + exit + "]}",
                "definition at $.rules[0] (CrossedDownIndicatorRule): no constructor takes these parameters and "
                        + "components (found 1 component(s) [RSIIndicator], 0 parameter(s))",
                "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedRule\",\"label\":\"entry\"}," + exit + "]}",
                "definition at $.rules[0] (CrossedRule): unknown rule type 'CrossedRule'",
                "{\"type\":\"BaseStrategy\",\"rules\":[" + exit + "]}",
                "definition at $.rules: needs a rule labelled \"entry\" and one labelled \"exit\" (\"label\": \"entry\")",
                entry(rsi.replace("14", "\"abc\""), exit),
                "definition at $.rules[0].components[0] (RSIIndicator): no constructor takes these parameters and "
                        + "components (parameters {\"barCount\":\"abc\"})",
                entry(rsi.replace("14", "0"), exit),
                "definition at $.rules[0].components[0] (RSIIndicator): cannot be computed (StackOverflowError): is a "
                        + "parameter out of its range, such as a barCount below 1? (parameters {\"barCount\":0})");
        for (Map.Entry<String, String> definition : refused.entrySet()) {
            CliRun cli = declare(new CliRun(dir), "bad", Map.of("definition", definition.getKey()));

            CliRun.Result r = cli.run("markets");

            assertThat(r.exitCode()).as(definition.getKey()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: strategy 'bad': " + definition.getValue() + System.lineSeparator());
        }
    }

    /** A strategy whose entry is {@code rsi} crossing down through 30. */
    private static String entry(String rsi, String exit) {
        return "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"entry\","
                + "\"components\":[" + rsi + ",{\"type\":\"ConstantIndicator\",\"parameters\":{\"value\":\"30\"}}]},"
                + exit + "]}";
    }

    @Test
    void shouldRefuseWhatATa4jDeclarationDoesNotTake() {
        assertRefused(Map.of(), "error: strategy 'bad': definition missing: a ta4j strategy needs definition: "
                + "(its JSON) or definition-file: (a file holding it)");
        assertRefused(Map.of("definition-file", "nowhere.json"), "error: strategy 'bad': definition-file 'nowhere.json' "
                + "cannot be read (java.nio.file.NoSuchFileException: nowhere.json)");
        assertRefused(Map.of("definition-file", EXAMPLES.resolve("rsi-stop.json").toString(), "params.period", "3"),
                "error: strategy 'bad': params are not taken by a ta4j strategy: its values are in its definition");
        assertRefused(Map.of("definition-file", EXAMPLES.resolve("rsi-stop.json").toString(), "warm-up", "-1"),
                "error: strategy 'bad': definition-file " + EXAMPLES.resolve("rsi-stop.json")
                        + " warm-up must be >= 0, got -1");
        CliRun rsi = BitstampSample.declare(new CliRun(dir), "bad", "rsi", Map.of()).with("trading.strategies.bad.warm-up", "9");
        CliRun.Result r = rsi.run("markets");
        assertThat(r.err()).isEqualTo("error: strategy 'bad': warm-up is for type: ta4j only (rsi takes params, and "
                + "computes its warm-up from them)" + System.lineSeparator());
    }

    private void assertRefused(Map<String, String> keys, String error) {
        CliRun.Result r = declare(new CliRun(dir), "bad", keys).run("markets");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(error + System.lineSeparator());
    }

    @Test
    void shouldExportABuiltInStrategyAsJsonThatTradesTheSame() {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "10", "oversold", "35", "overbought", "65",
                "stop-loss", "1.5"));
        CliRun.Result export = cli.run("strategies", "export", "--strategy", "rsi-bs-5m");
        assertThat(export.exitCode()).as(export.err()).isZero();
        declare(cli, "rsi-json", Map.of("definition", export.out()));

        CliRun.Result rsi = cli.run("replay", "--strategy", "rsi-bs-5m");
        CliRun.Result json = cli.run("replay", "--strategy", "rsi-json");
        CliRun.Result again = cli.run("strategies", "export", "--strategy", "rsi-json");

        assertThat(export.out()).contains("\"unstableBars\": 110").contains("\"type\": \"CrossedDownIndicatorRule\"");
        assertThat(rsi.exitCode()).as(rsi.err()).isZero();
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(stored(cli, "replay-3")).isNotEmpty().isEqualTo(stored(cli, "replay-2"));
        assertThat(again.out()).isEqualTo(export.out());
    }

    @Test
    void shouldTakeTheDeclaredWarmUpOverTheDefinitions() {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        declare(cli, "rsi-stop", Map.of("definition-file", EXAMPLES.resolve("rsi-stop.json").toString(),
                "warm-up", "300"));

        CliRun.Result export = cli.run("strategies", "export", "--strategy", "rsi-stop");
        CliRun.Result replay = cli.run("replay", "--strategy", "rsi-stop");

        assertThat(export.out()).contains("\"unstableBars\": 300");
        assertThat(replay.out()).contains(": 1617 candles, ");
    }
}
