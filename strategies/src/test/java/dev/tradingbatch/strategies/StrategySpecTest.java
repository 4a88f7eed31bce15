package dev.tradingbatch.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Strategy;
import org.ta4j.core.num.DoubleNumFactory;

class StrategySpecTest {

    @Test
    void shouldApplyDefaultsAndListParamsSortedAsCanonicalTexts() {
        assertThat(StrategySpec.of("rsi", Map.of()).params()).containsExactly(
                Map.entry("overbought", "70"), Map.entry("oversold", "30"), Map.entry("period", "14"));
        assertThat(StrategySpec.of("macd", Map.of()).params()).containsExactly(
                Map.entry("fast", "12"), Map.entry("signal", "9"), Map.entry("slow", "26"));
        assertThat(StrategySpec.of("scalping", Map.of()).params()).containsExactly(
                Map.entry("fast", "5"), Map.entry("slow", "20"), Map.entry("stop-loss", "0.5"),
                Map.entry("take-profit", "1"));
        assertThat(StrategySpec.of("trend", Map.of()).params()).containsExactly(
                Map.entry("adx-period", "14"), Map.entry("adx-threshold", "25"), Map.entry("fast", "50"),
                Map.entry("slow", "200"), Map.entry("trailing-stop", "5"));
    }

    @Test
    void shouldKeepGivenValuesInCanonicalForm() {
        StrategySpec spec = StrategySpec.of("rsi", Map.of("period", " 21 ", "oversold", "25.50", "overbought", "8E+1",
                "stop-loss", "2.0", "take-profit", "150"));

        assertThat(spec.params()).containsExactly(
                Map.entry("overbought", "80"), Map.entry("oversold", "25.5"), Map.entry("period", "21"),
                Map.entry("stop-loss", "2"), Map.entry("take-profit", "150"));
        assertThat(spec.type()).isEqualTo(StrategyType.RSI);
        assertThat(spec).isEqualTo(StrategySpec.of("rsi", Map.of("period", "21", "oversold", "25.5",
                "overbought", "80", "stop-loss", "2", "take-profit", "150")));
    }

    @Test
    void shouldNameTheKnownTypesForAnUnknownOne() {
        assertThatThrownBy(() -> StrategySpec.of("x", Map.of()))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessage("unknown strategy type 'x' (known: macd, rsi, scalping, trend)");
    }

    @Test
    void shouldNameTheKnownParamsForAnUnknownOne() {
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("foo", "1")))
                .hasMessage("unknown param 'foo' for rsi "
                        + "(known: overbought, oversold, period, stop-loss, take-profit)");
        assertThatThrownBy(() -> StrategySpec.of("macd", Map.of("period", "1")))
                .hasMessage("unknown param 'period' for macd (known: fast, signal, slow, stop-loss, take-profit)");
        assertThatThrownBy(() -> StrategySpec.of("scalping", Map.of("trailing-stop", "1")))
                .hasMessage("unknown param 'trailing-stop' for scalping (known: fast, slow, stop-loss, take-profit)");
        assertThatThrownBy(() -> StrategySpec.of("trend", Map.of("adx", "1"))).hasMessage("unknown param 'adx' for "
                + "trend (known: adx-period, adx-threshold, fast, slow, stop-loss, take-profit, trailing-stop)");
    }

    @Test
    void shouldSayWhichIntegersArePeriods() {
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("period", "1")))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessage("param 'period' must be an integer in [2, 500], got '1'");
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("period", "501")))
                .hasMessage("param 'period' must be an integer in [2, 500], got '501'");
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("period", "14.5")))
                .hasMessage("param 'period' must be an integer in [2, 500], got '14.5'");
        assertThatThrownBy(() -> StrategySpec.of("macd", Map.of("signal", "nine")))
                .hasMessage("param 'signal' must be an integer in [2, 500], got 'nine'");
        assertThatThrownBy(() -> StrategySpec.of("trend", Map.of("adx-period", "")))
                .hasMessage("param 'adx-period' must be an integer in [2, 500], got ''");
    }

    @Test
    void shouldSayWhichNumbersAreAllowed() {
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("oversold", "0")))
                .hasMessage("param 'oversold' must be a number in (0, 100), got '0'");
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("overbought", "100")))
                .hasMessage("param 'overbought' must be a number in (0, 100), got '100'");
        assertThatThrownBy(() -> StrategySpec.of("trend", Map.of("adx-threshold", "100.5")))
                .hasMessage("param 'adx-threshold' must be a number in [0, 100], got '100.5'");
        assertThatThrownBy(() -> StrategySpec.of("trend", Map.of("trailing-stop", "0")))
                .hasMessage("param 'trailing-stop' must be a number in (0, 100), got '0'");
        assertThatThrownBy(() -> StrategySpec.of("scalping", Map.of("stop-loss", "100")))
                .hasMessage("param 'stop-loss' must be a number in (0, 100), got '100'");
        assertThatThrownBy(() -> StrategySpec.of("macd", Map.of("take-profit", "-1")))
                .hasMessage("param 'take-profit' must be a number > 0, got '-1'");
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("stop-loss", "NaN")))
                .hasMessage("param 'stop-loss' must be a number in (0, 100), got 'NaN'");
    }

    @Test
    void shouldTreatAKeyWithoutValueAsEmpty() {
        Map<String, String> raw = new HashMap<>();
        raw.put("oversold", null);

        assertThatThrownBy(() -> StrategySpec.of("rsi", raw))
                .hasMessage("param 'oversold' must be a number in (0, 100), got ''");
    }

    @Test
    void shouldRequireTheLowerParamBelowTheHigherOne() {
        assertThatThrownBy(() -> StrategySpec.of("rsi", Map.of("oversold", "80")))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessage("param 'oversold' (80) must be below 'overbought' (70)");
        assertThatThrownBy(() -> StrategySpec.of("macd", Map.of("fast", "26")))
                .hasMessage("param 'fast' (26) must be below 'slow' (26)");
        assertThatThrownBy(() -> StrategySpec.of("scalping", Map.of("fast", "30", "slow", "10")))
                .hasMessage("param 'fast' (30) must be below 'slow' (10)");
        assertThatThrownBy(() -> StrategySpec.of("trend", Map.of("slow", "20")))
                .hasMessage("param 'fast' (50) must be below 'slow' (20)");
    }

    @Test
    void shouldBuildATa4jStrategyThatIgnoresTheWarmUpBars() {
        BarSeries series = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();

        Strategy strategy = StrategySpec.of("macd", Map.of("fast", "3", "slow", "6", "signal", "4")).build(series);

        // 6 + 5 * 7 + 5 * 5
        assertThat(strategy.getName()).isEqualTo("macd");
        assertThat(strategy.getUnstableBars()).isEqualTo(66);
        assertThat(strategy.isUnstableAt(65)).isTrue();
        assertThat(strategy.isUnstableAt(66)).isFalse();
    }

    @Test
    void shouldWarmUpUntilTheIndicatorSeedsNoLongerMatter() {
        // RSI: 11 periods; EMA types: slow + 5(slow+1); MACD adds 5(signal+1); trend: also 22 ADX periods
        assertThat(StrategySpec.defaults(StrategyType.RSI).warmUpBars()).isEqualTo(154);
        assertThat(StrategySpec.defaults(StrategyType.MACD).warmUpBars()).isEqualTo(26 + 135 + 50);
        assertThat(StrategySpec.defaults(StrategyType.SCALPING).warmUpBars()).isEqualTo(20 + 105);
        assertThat(StrategySpec.defaults(StrategyType.TREND).warmUpBars()).isEqualTo(200 + 1005);
        assertThat(StrategySpec.of("trend", Map.of("fast", "5", "slow", "10", "adx-period", "20")).warmUpBars())
                .isEqualTo(440);
    }
}
