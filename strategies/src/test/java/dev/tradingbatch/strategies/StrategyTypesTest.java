package dev.tradingbatch.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

class StrategyTypesTest {

    /** A definition with the given name and params, composing nothing: only its checks are tested here. */
    private record Named(String type, List<Param> params, List<Ordered> ordered) implements StrategyDefinition {

        Named(String type, List<Param> params) {
            this(type, params, List.of());
        }

        @Override
        public ComposedStrategy compose(BarSeries series, ParamValues values) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void shouldListTheBuiltInTypesByName() {
        assertThat(StrategyTypes.builtIn().all()).extracting(StrategyType::code)
                .containsExactly("macd", "rsi", "scalping", "trend");
        assertThat(StrategyTypes.builtIn().all()).allMatch(StrategyType::builtIn)
                .extracting(StrategyType::origin).containsOnly("built-in");
        assertThat(StrategyTypes.builtIn().codes()).isEqualTo("macd, rsi, scalping, trend");
        assertThat(StrategyType.RSI.description()).startsWith("RSI mean reversion");
    }

    @Test
    void shouldAddAPluginTypeAndBuildItsSpec() {
        StrategyType breakout = StrategyType.of(new Named("breakout", List.of(Param.integer("period", 20, 2, 500))),
                "my-plugin.jar");
        StrategyTypes types = StrategyTypes.builtIn().with(List.of(breakout));

        assertThat(types.codes()).isEqualTo("breakout, macd, rsi, scalping, trend");
        assertThat(types.get("breakout").origin()).isEqualTo("my-plugin.jar");
        assertThat(types.spec("breakout", Map.of("period", "30")).params()).containsExactly(Map.entry("period", "30"));
        assertThatThrownBy(() -> StrategySpec.of("breakout", Map.of()))
                .hasMessage("unknown strategy type 'breakout' (known: macd, rsi, scalping, trend)");
    }

    @Test
    void shouldRefuseTwoTypesOfOneNameNamingWhereEachCameFrom() {
        StrategyType rsi = StrategyType.of(new Named("rsi", List.of()), "my-plugin.jar");

        assertThatThrownBy(() -> StrategyTypes.builtIn().with(List.of(rsi)))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessage("two strategy types are named 'rsi': built-in and my-plugin.jar");
    }

    @Test
    void shouldRefuseADefinitionUsersCouldNotDeclare() {
        assertThatThrownBy(() -> StrategyType.of(new Named("My Type", List.of()), "a.jar"))
                .hasMessage("strategy type name 'My Type' must be 1 to 40 lower case letters, digits or -, "
                        + "starting with a letter");
        assertThatThrownBy(() -> StrategyType.of(new Named("x", List.of(Param.integer("n", 2, 2, 9),
                Param.integer("n", 3, 2, 9))), "a.jar"))
                .hasMessage("strategy type 'x' has param 'n' twice");
        assertThatThrownBy(() -> StrategyType.of(new Named("x", List.of(Param.integer("n", 1, 2, 9))), "a.jar"))
                .hasMessage("strategy type 'x': the default '1' of param 'n' is not an integer in [2, 9]");
        assertThatThrownBy(() -> StrategyType.of(new Named("x", List.of(Param.between("n", "many", 0, 9))), "a.jar"))
                .hasMessage("strategy type 'x': the default 'many' of param 'n' is not a number in (0, 9)");
        assertThatThrownBy(() -> StrategyType.of(new Named("x", List.of(Param.integer("n", 2, 2, 9)),
                List.of(new StrategyDefinition.Ordered("n", "m"))), "a.jar"))
                .hasMessage("strategy type 'x' orders params 'n' and 'm', which are not both among its params [n]");
    }

    @Test
    void shouldCompareOptionalParamsOnlyWhenBothAreSet() {
        StrategyType stops = StrategyType.of(new Named("stops", List.of(Param.positive("low", null),
                Param.positive("high", null)), List.of(new StrategyDefinition.Ordered("low", "high"))), "a.jar");

        assertThat(StrategySpec.of(stops, Map.of("low", "5")).params()).containsExactly(Map.entry("low", "5"));
        assertThatThrownBy(() -> StrategySpec.of(stops, Map.of("low", "5", "high", "2")))
                .hasMessage("param 'low' (5) must be below 'high' (2)");
    }
}
