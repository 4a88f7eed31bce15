package dev.tradingbatch.strategies.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategyPlugins;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyPluginsTest {

    @TempDir
    Path plugins;

    @Test
    void shouldAddThePluginsTypesToTheBuiltInOnesNamingTheirJar() {
        TestPlugins.smaCross(plugins.resolve("sma.jar"));

        try (StrategyPlugins loaded = StrategyPlugins.load(plugins)) {
            assertThat(loaded.types().codes()).isEqualTo("macd, rsi, scalping, sma-cross, trend");
            StrategyType sma = loaded.types().get("sma-cross");
            assertThat(sma.origin()).isEqualTo(plugins.resolve("sma.jar").toString());
            assertThat(sma.builtIn()).isFalse();
            assertThat(sma.description()).isEqualTo("SMA crossover");
            assertThat(sma.params()).extracting(p -> p.key() + " " + p.describe()).containsExactly(
                    "fast an integer in [2, 100]", "slow an integer in [3, 400]", "stop-loss a number in (0, 100)",
                    "take-profit a number > 0");
            assertThat(loaded.types().get("rsi").origin()).isEqualTo("built-in");
        }
    }

    @Test
    void shouldTradeAPluginTypeAsABuiltInOneOnTheSameSeries() {
        TestPlugins.smaCross(plugins.resolve("sma.jar"));
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BigDecimal close = BigDecimal.valueOf(100 + 10 * Math.sin(i / 8.0)).setScale(2, RoundingMode.HALF_UP);
            candles.add(new Candle(i * 60_000L, close, close, close, close, BigDecimal.ONE));
        }

        try (StrategyPlugins loaded = StrategyPlugins.load(plugins)) {
            StrategySpec spec = loaded.types().spec("sma-cross", Map.of("fast", "3", "slow", "9"));
            PaperTrader trader = new PaperTrader(spec, Timeframe.M1,
                    new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, 8));
            List<Fill> fills = new ArrayList<>();
            trader.onCandles(candles, fills::add);

            // ta4j's SMA(9) is unstable for 8 bars (its first full window ends at index 8): the warm-up a plugin
            // gets without saying more
            assertThat(spec.warmUpBars()).isEqualTo(8);
            assertThat(fills).hasSizeGreaterThanOrEqualTo(6);
            assertThat(fills.getFirst().candleTime()).isGreaterThanOrEqualTo(8 * 60_000L);
        }
    }

    @Test
    void shouldHaveNoPluginWithoutAFolder() {
        try (StrategyPlugins loaded = StrategyPlugins.load(plugins.resolve("none"))) {
            assertThat(loaded.types().codes()).isEqualTo("macd, rsi, scalping, trend");
        }
    }

    @Test
    void shouldRefuseATypeNamedAsABuiltInOneNamingTheJar() {
        TestPlugins.jar(plugins.resolve("my-rsi.jar"), Map.of("example.Rsi",
                TestPlugins.SMA_CROSS.replace("SmaCross", "Rsi").replace("\"sma-cross\"", "\"rsi\"")), "example.Rsi");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessage("two strategy types are named 'rsi': built-in and " + plugins.resolve("my-rsi.jar"));
    }

    @Test
    void shouldRefuseTwoJarsWithOneType() {
        TestPlugins.smaCross(plugins.resolve("a.jar"));
        TestPlugins.smaCross(plugins.resolve("b.jar"));

        assertThatThrownBy(() -> StrategyPlugins.load(plugins)).hasMessage("two strategy types are named 'sma-cross': "
                + plugins.resolve("a.jar") + " and " + plugins.resolve("b.jar"));
    }

    @Test
    void shouldRefuseAJarThatIsNotOne() throws IOException {
        Files.writeString(plugins.resolve("notes.jar"), "not a zip");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins))
                .hasMessageStartingWith("plugin " + plugins.resolve("notes.jar") + ": not a readable jar (");
    }

    @Test
    void shouldRefuseAJarThatListsNoType() {
        TestPlugins.jar(plugins.resolve("empty.jar"), Map.of(), null);

        assertThatThrownBy(() -> StrategyPlugins.load(plugins)).hasMessage("plugin " + plugins.resolve("empty.jar")
                + ": lists no strategy type (it has no " + TestPlugins.SERVICES + ")");
    }

    @Test
    void shouldRefuseAJarListingAClassItDoesNotHold() {
        TestPlugins.jar(plugins.resolve("typo.jar"), Map.of(), "example.Missing\n");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins))
                .hasMessageStartingWith("plugin " + plugins.resolve("typo.jar") + ": fails to load: ")
                .hasMessageContaining("example.Missing not found");
    }

    @Test
    void shouldRefuseATypeWhoseConstructorFails() {
        TestPlugins.jar(plugins.resolve("broken.jar"), Map.of("example.Broken", TestPlugins.SMA_CROSS
                .replace("SmaCross", "Broken")
                .replace("public String type()", "public Broken() { throw new IllegalStateException(\"no config\"); }"
                        + "\n    public String type()")), "example.Broken");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins))
                .hasMessageStartingWith("plugin " + plugins.resolve("broken.jar") + ": fails to load: ")
                .hasMessageContaining("example.Broken could not be instantiated");
    }

    @Test
    void shouldRefuseATypeWhoseDefaultsDoNotBuild() {
        TestPlugins.jar(plugins.resolve("bad-defaults.jar"), Map.of("example.SmaCross", TestPlugins.SMA_CROSS
                .replace("Param.integer(\"fast\", 5,", "Param.integer(\"fast\", 50,")), "example.SmaCross");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins)).hasMessage("plugin " + plugins.resolve("bad-defaults.jar")
                + ": type 'sma-cross' fails to build with its defaults: param 'fast' (50) must be below 'slow' (20)");
    }

    @Test
    void shouldRefuseATypeWithAParamUsersCannotSet() {
        TestPlugins.jar(plugins.resolve("bad-default.jar"), Map.of("example.SmaCross", TestPlugins.SMA_CROSS
                .replace("Param.integer(\"fast\", 5,", "Param.integer(\"fast\", 1,")), "example.SmaCross");

        assertThatThrownBy(() -> StrategyPlugins.load(plugins)).hasMessage("plugin " + plugins.resolve("bad-default.jar")
                + ": strategy type 'sma-cross': the default '1' of param 'fast' is not an integer in [2, 100]");
    }
}
