package dev.tradingbatch.strategies.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.StrategyTypes;
import dev.tradingbatch.strategy.api.TrailingStopRule;
import dev.tradingbatch.strategy.api.TurnsTrueRule;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.rules.AndRule;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.NotRule;
import org.ta4j.core.rules.OrRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;
import org.ta4j.core.rules.UnderIndicatorRule;
import org.ta4j.core.rules.XorRule;

/**
 * Never trust ta4j's JSON round trip: every rule and indicator the built-in types and the documented examples use is
 * written as JSON here, read back with {@code Strategy.fromJson}, and compared with the original bar by bar.
 */
class Ta4jRoundTripTest {

    @Test
    void shouldShowThatTa4jsOwnJsonTurnsACrossDownIntoACrossUp() {
        Function<BarSeries, Strategy> rsi = series -> {
            var value = new RSIIndicator(new ClosePriceIndicator(series), 14);
            return new BaseStrategy(new CrossedDownIndicatorRule(value, 30), new CrossedUpIndicatorRule(value, 70));
        };
        String ta4jsJson = rsi.apply(RandomWalk.series(10, 1)).toJson();

        // ta4j 0.22.2: the entry comes back as "30 crosses down through the RSI", which fires where the RSI crosses up
        assertThat(ta4jsJson).contains("{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"entry\",\"components\":"
                + "[{\"type\":\"ConstantIndicator\"");
        assertThat(Ta4jRoundTrip.difference(rsi, ta4jsJson)).hasValueSatisfying(d -> assertThat(d).startsWith(
                "the entry rule is "));
        assertThat(Ta4jRoundTrip.difference(rsi, Ta4jJsonWriter.write(rsi.apply(RandomWalk.series(10, 1))))).isEmpty();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                strategy("RSI crosses down, crosses up", s -> {
                    var rsi = new RSIIndicator(close(s), 14);
                    return new BaseStrategy(new CrossedDownIndicatorRule(rsi, 30), new CrossedUpIndicatorRule(rsi, 70));
                }),
                strategy("MACD(5, 13) crosses its signal", s -> {
                    var macd = new MACDIndicator(close(s), 5, 13);
                    var signal = new EMAIndicator(macd, 4);
                    return new BaseStrategy(new CrossedUpIndicatorRule(macd, signal),
                            new CrossedDownIndicatorRule(macd, signal));
                }),
                strategy("EMA crossover with stops nested in or", s -> {
                    var fast = new EMAIndicator(close(s), 5);
                    var slow = new EMAIndicator(close(s), 20);
                    return new BaseStrategy(new CrossedUpIndicatorRule(fast, slow), new OrRule(new OrRule(
                            new CrossedDownIndicatorRule(fast, slow), new StopLossRule(close(s), 0.5)),
                            new StopGainRule(close(s), 1)));
                }),
                strategy("EMAs and ADX(10, 12) turning true, trailing stop", s -> {
                    var fast = new EMAIndicator(close(s), 10);
                    var slow = new EMAIndicator(close(s), 30);
                    Rule uptrend = new AndRule(new OverIndicatorRule(fast, slow),
                            new OverIndicatorRule(new ADXIndicator(s, 10, 12), 20));
                    return new BaseStrategy(new TurnsTrueRule(uptrend), new OrRule(new TrailingStopRule(close(s), 1.5),
                            new CrossedDownIndicatorRule(fast, slow)));
                }),
                strategy("SMA crossover above the SMA(200)", s -> {
                    var fast = new SMAIndicator(close(s), 10);
                    var slow = new SMAIndicator(close(s), 30);
                    return new BaseStrategy(new AndRule(new CrossedUpIndicatorRule(fast, slow),
                            new OverIndicatorRule(close(s), new SMAIndicator(close(s), 200))),
                            new CrossedDownIndicatorRule(fast, slow));
                }),
                strategy("Bollinger bands(20, 2)", s -> {
                    var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close(s), 20));
                    var deviation = new StandardDeviationIndicator(close(s), 20);
                    var two = s.numFactory().numOf(2);
                    return new BaseStrategy(new CrossedUpIndicatorRule(close(s),
                            new BollingerBandsUpperIndicator(middle, deviation, two)),
                            new OrRule(new CrossedDownIndicatorRule(close(s), middle), new UnderIndicatorRule(close(s),
                                    new BollingerBandsLowerIndicator(middle, deviation, two))));
                }),
                strategy("not, xor", s -> {
                    var rsi = new RSIIndicator(close(s), 7);
                    return new BaseStrategy(new AndRule(new NotRule(new OverIndicatorRule(rsi, 40)),
                            new UnderIndicatorRule(rsi, 35)), new XorRule(new OverIndicatorRule(rsi, 60),
                            new OverIndicatorRule(rsi, 80)));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shouldReadBackEveryRuleAndIndicatorAsWritten(String name, Function<BarSeries, Strategy> strategy) {
        assertRoundTrip(strategy);
    }

    static Stream<StrategySpec> builtIns() {
        return Stream.concat(StrategyTypes.builtIn().all().stream().map(StrategySpec::defaults), Stream.of(
                StrategySpec.of("rsi", Map.of("period", "7", "oversold", "35", "overbought", "60", "stop-loss", "1",
                        "take-profit", "2")),
                StrategySpec.of("macd", Map.of("fast", "5", "slow", "13", "signal", "4", "take-profit", "1.5")),
                StrategySpec.of("scalping", Map.of("fast", "3", "slow", "11")),
                StrategySpec.of("trend", Map.of("fast", "10", "slow", "30", "adx-period", "10",
                        "adx-threshold", "20", "trailing-stop", "1.5", "stop-loss", "3"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void shouldReadBackEveryBuiltInTypeAsWritten(StrategySpec spec) {
        assertRoundTrip(spec::build);
    }

    private static void assertRoundTrip(Function<BarSeries, Strategy> strategy) {
        String json = Ta4jJsonWriter.write(strategy.apply(RandomWalk.series(10, 1)));

        assertThat(Ta4jRoundTrip.difference(strategy, json)).as(json).isEmpty();
        BarSeries series = Ta4jRoundTrip.series();
        assertThat(Ta4jRoundTrip.trades(strategy.apply(series), series))
                .as("trades on the random walk, to compare").hasSizeGreaterThanOrEqualTo(4);
    }

    private static ClosePriceIndicator close(BarSeries series) {
        return new ClosePriceIndicator(series);
    }

    private static Arguments strategy(String name, Function<BarSeries, Strategy> strategy) {
        return Arguments.of(name, strategy);
    }
}
