package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import static dev.tradingbatch.strategies.TestCandles.flat;
import static dev.tradingbatch.strategies.TestCandles.minutes;
import static dev.tradingbatch.strategies.TestCandles.trade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.Candle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacdStrategyTest {

    /** MACD(2, 3) with a signal EMA(2): 38 warm-up bars at 100 (MACD and signal 0), then two swings. */
    private static final Map<String, String> PARAMS = Map.of("fast", "2", "slow", "3", "signal", "2");

    @Test
    void shouldBuyWhenMacdCrossesAboveItsSignalAndSellWhenItCrossesBelow() {
        List<Candle> candles = minutes(flat(38, 100),
                new double[] {101, 102, 101, 100, 99, 100, 101, 102, 103, 102, 101, 100});

        List<Fill> fills = trade("macd", PARAMS, candles);

        // MACD - signal from index 38: +0.056, +0.065, -0.060 (40: crosses below, nothing held), -0.096, -0.082,
        // +0.055 (43: crosses above), +0.095, +0.082, +0.057, -0.076 (47: crosses below), -0.110, -0.091
        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@43", "sell@47");
        assertThat(fills).extracting(f -> f.price().toPlainString()).containsExactly("100", "102");
    }

    @Test
    void shouldNotTakeTheFirstMoveAfterAFlatMarketForACross() {
        // MACD and signal are equal (0) through the flat bars: rising above it is not crossing from below
        List<Candle> candles = minutes(flat(38, 100), new double[] {101, 102, 103, 104});

        assertThat(trade("macd", PARAMS, candles)).isEmpty();
    }
}
