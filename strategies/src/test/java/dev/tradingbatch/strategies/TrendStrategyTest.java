package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import static dev.tradingbatch.strategies.TestCandles.flat;
import static dev.tradingbatch.strategies.TestCandles.minutes;
import static dev.tradingbatch.strategies.TestCandles.trade;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * EMA(3) over EMA(10), ADX(2) above 25, trailing stop 5%: 65 warm-up bars at 100 (ADX 0, both EMAs 100), then a
 * rise of 1 per bar. On the first rising bar (65) EMA(3) 100.50 > EMA(10) 100.18 and ADX 50: the uptrend starts.
 */
class TrendStrategyTest {

    private static final Map<String, String> PARAMS = Map.of("fast", "3", "slow", "10", "adx-period", "2");

    @Test
    void shouldBuyWhenTheUptrendStartsAndSellAtTheTrailingStop() {
        // Highest close 120 (bar 84): 113.5 <= 114 sells on bar 85, EMA(3) 116.25 still above EMA(10) 115.20.
        // The uptrend holds through the rebound after it: no new entry until it ends and starts again
        List<Fill> fills = trade("trend", PARAMS,
                minutes(flat(65, 100), rising(20), new double[] {113.5, 115, 118, 121, 124}));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@65", "sell@85");
        assertThat(fills).extracting(f -> f.price().toPlainString()).containsExactly("101", "113.5");
    }

    @Test
    void shouldSellWhenTheFastEmaCrossesBelowBeforeTheTrailingStop() {
        // Up to 110, then down 0.5 per bar: EMA(3) 106.99 < EMA(10) 107.24 on bar 81 (close 106.5, above 104.5)
        double[] falling = IntStream.rangeClosed(1, 11).mapToDouble(k -> 110 - 0.5 * k).toArray();

        List<Fill> fills = trade("trend", PARAMS, minutes(flat(65, 100), rising(10), falling));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@65", "sell@81");
    }

    @Test
    void shouldWaitForTheAdxToRiseThroughTheThreshold() {
        // Threshold 60: ADX 50 on bar 65, 75 on bar 66, while EMA(3) has been above EMA(10) since 65
        Map<String, String> params = Map.of("fast", "3", "slow", "10", "adx-period", "2", "adx-threshold", "60");

        List<Fill> fills = trade("trend", params, minutes(flat(65, 100), rising(5)));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@66");
    }

    /** 101, 102, ... {@code count} closes. */
    private static double[] rising(int count) {
        return IntStream.rangeClosed(1, count).mapToDouble(k -> 100 + k).toArray();
    }
}
