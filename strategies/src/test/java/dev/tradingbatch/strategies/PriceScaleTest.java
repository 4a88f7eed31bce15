package dev.tradingbatch.strategies;

import dev.tradingbatch.strategies.json.Ta4jDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No signal may depend on the price scale: a market priced in 0.0004 (a coin against BTC, SHIB against USD) must
 * trade on the same candles as the same market priced in 40,000. ta4j's {@code DoubleNum} treats numbers within
 * 1e-5 of each other as equal, which made the ADX of such a market decay to zero. Every built-in type and the
 * documented JSON examples of {@code config/strategies/}; the example plugin's type in its own module's test.
 */
class PriceScaleTest {

    static Stream<Arguments> specsAndScales() throws IOException {
        List<StrategySpec> specs = new ArrayList<>(List.of(
                StrategySpec.defaults(StrategyType.RSI),
                StrategySpec.defaults(StrategyType.MACD),
                StrategySpec.defaults(StrategyType.SCALPING),
                StrategySpec.defaults(StrategyType.TREND),
                StrategySpec.of("trend", Map.of("fast", "10", "slow", "30", "adx-threshold", "20",
                        "trailing-stop", "1.5", "take-profit", "3"))));
        for (String example : List.of("sma-trend", "bollinger-breakout", "rsi-stop")) {
            String json = Files.readString(Path.of("..", "config", "strategies", example + ".json"));
            specs.add(StrategySpec.defaults(StrategyType.of(Ta4jDefinition.parse(json, null), example + ".json")));
        }
        return specs.stream().flatMap(spec -> Stream.of(6, 8).map(decimals -> Arguments.of(spec, decimals)));
    }

    @ParameterizedTest(name = "{0} on prices moved {1} decimals left")
    @MethodSource("specsAndScales")
    void shouldTradeOnTheSameCandlesWhateverThePriceScale(StrategySpec spec, int decimals) {
        PriceScale.assertSameSignals(spec, TestCandles.sample("bitstamp-BTC-USD-5m.csv"), decimals);
    }
}
