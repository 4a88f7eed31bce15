package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import static dev.tradingbatch.strategies.TestCandles.flat;
import static dev.tradingbatch.strategies.TestCandles.minutes;
import static dev.tradingbatch.strategies.TestCandles.trade;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EMA(2) over EMA(3), take-profit 1%, stop-loss 0.5% (the defaults); 23 warm-up bars at 100. */
class ScalpingStrategyTest {

    private static final Map<String, String> PARAMS = Map.of("fast", "2", "slow", "3");

    @Test
    void shouldBuyOnTheCrossAndSellAtTheTakeProfit() {
        // EMA(2)/EMA(3) from 23: 99.33/99.50, 99.78/99.75 (24: crosses above), 100.26/100.13, 100.89/100.66;
        // bought at 100, 101.2 reaches 101 on bar 26
        List<Fill> fills = trade("scalping", PARAMS,
                minutes(flat(23, 100), new double[] {99, 100, 100.5, 101.2, 101.5}));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@24", "sell@26");
    }

    @Test
    void shouldSellAtTheStopLossWhileTheFastEmaIsStillAbove() {
        // A jump to 108 crosses (104.81/103.38); 107 is below 108 * 0.995 = 107.46 while EMA(2) 106.27 > 105.19
        List<Fill> fills = trade("scalping", PARAMS, minutes(flat(23, 100), new double[] {99, 98, 108, 107, 107.5}));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@25", "sell@26");
        assertThat(fills).extracting(f -> f.price().toPlainString()).containsExactly("108", "107");
    }

    @Test
    void shouldSellWhenTheFastEmaCrossesBelowInsideTheStops() {
        // From 24: 99.78/99.75 (cross above, bought at 100), 100.19/100.08, 100.46/100.34, 100.29/100.27,
        // 100.10/100.13 (28: crosses below); every close stays within (99.5, 101)
        List<Fill> fills = trade("scalping", PARAMS,
                minutes(flat(23, 100), new double[] {99, 100, 100.4, 100.6, 100.2, 100.0, 99.8}));

        assertThat(fills).extracting(TestCandles::at).containsExactly("buy@24", "sell@28");
    }
}
