package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No signal may depend on the price scale: a market priced in 0.0004 (a coin against BTC, SHIB against USD) must
 * trade on the same candles as the same market priced in 40,000. ta4j's {@code DoubleNum} treats numbers within
 * 1e-5 of each other as equal, which made the ADX of such a market decay to zero.
 */
class PriceScaleTest {

    /** Fills at the close exactly, with a fine enough amount precision for any of the scales. */
    private static final FillModel AT_CLOSE = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO,
            18);

    static Stream<Arguments> specsAndScales() {
        List<StrategySpec> specs = List.of(
                StrategySpec.defaults(StrategyType.RSI),
                StrategySpec.defaults(StrategyType.MACD),
                StrategySpec.defaults(StrategyType.SCALPING),
                StrategySpec.defaults(StrategyType.TREND),
                StrategySpec.of("trend", Map.of("fast", "10", "slow", "30", "adx-threshold", "20",
                        "trailing-stop", "1.5", "take-profit", "3")));
        return specs.stream().flatMap(spec -> Stream.of(6, 8).map(decimals -> Arguments.of(spec, decimals)));
    }

    @ParameterizedTest(name = "{0} on prices moved {1} decimals left")
    @MethodSource("specsAndScales")
    void shouldTradeOnTheSameCandlesWhateverThePriceScale(StrategySpec spec, int decimals) {
        List<Candle> candles = TestCandles.sample("bitstamp-BTC-USD-5m.csv");
        List<Candle> small = candles.stream().map(c -> new Candle(c.openTime(), c.open().movePointLeft(decimals),
                c.high().movePointLeft(decimals), c.low().movePointLeft(decimals), c.close().movePointLeft(decimals),
                c.volume())).toList();

        List<Fill> fills = TestCandles.trade(new PaperTrader(spec, Timeframe.M5, AT_CLOSE), candles);
        List<Fill> smallFills = TestCandles.trade(new PaperTrader(spec, Timeframe.M5, AT_CLOSE), small);

        assertThat(fills.size()).as("fills of %s", spec).isGreaterThanOrEqualTo(4);
        assertThat(signals(smallFills)).isEqualTo(signals(fills));
        assertThat(smallFills.stream().map(f -> f.price().movePointRight(decimals).stripTrailingZeros()).toList())
                .isEqualTo(fills.stream().map(f -> f.price().stripTrailingZeros()).toList());
    }

    private static List<String> signals(List<Fill> fills) {
        return fills.stream().map(f -> f.side() + "@" + f.candleTime()).toList();
    }
}
