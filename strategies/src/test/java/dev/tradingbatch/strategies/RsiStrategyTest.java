package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import static dev.tradingbatch.strategies.TestCandles.flat;
import static dev.tradingbatch.strategies.TestCandles.minutes;
import static dev.tradingbatch.strategies.TestCandles.trade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.Candle;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RsiStrategyTest {

    /** RSI(2): warm-up 22 bars of 100, 101, 100, ... (RSI swinging between 33.3 and 66.7), then the pattern. */
    private static final List<Candle> CANDLES = minutes(
            IntStream.range(0, 22).mapToDouble(i -> i % 2 == 0 ? 100 : 101).toArray(),
            new double[] {100, 99, 98, 97, 98, 99, 100, 101, 102, 101, 100, 99, 100, 101, 102, 103});

    @Test
    void shouldBuyWhenRsiCrossesDownThroughOversoldAndSellWhenItCrossesUpThroughOverbought() {
        List<Fill> fills = trade("rsi", Map.of("period", "2"), CANDLES);

        // RSI from index 22: 33.33, 16.67 (23: down through 30), 8.33, 4.17, 52.08, 76.04 (27: up through 70),
        // 88.02, 94.01, 97.01, 48.50, 24.25 (32: down through 30), 12.13, 56.06, 78.03 (35), 89.02, 94.51
        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@23", "sell@27", "buy@32", "sell@35");
        assertThat(fills).extracting(f -> f.price().toPlainString()).containsExactly("99", "99", "100", "101");
    }

    @Test
    void shouldNotEvaluateTheWarmUpBars() {
        // The same swing inside the 22 warm-up bars: RSI crosses 30 and 70, nothing is traded
        List<Candle> candles = minutes(new double[] {100, 101, 100, 101, 100, 99, 98, 97, 98, 99, 100, 101},
                flat(12, 101));

        assertThat(trade("rsi", Map.of("period", "2"), candles)).isEmpty();
    }

    @Test
    void shouldExitAtTheStopLossBeforeTheRsiSaysSo() {
        // Bought at 99 on bar 23; stop-loss 1.5%: 97.515. Bar 25 closes at 97 (RSI still below 70). Bought at 100
        // on bar 32, the lowest close after is 99 (bar 33), above 98.5: the RSI sells on bar 35
        List<Fill> fills = trade("rsi", Map.of("period", "2", "stop-loss", "1.5"), CANDLES);

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@23", "sell@25", "buy@32", "sell@35");
    }
}
