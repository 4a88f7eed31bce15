package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FillModelTest {

    /** Stake 1000, fee 0.1%, slippage 10 bps, amounts in steps of 0.00001. */
    private static final FillModel MODEL = new FillModel(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("10"), 5);

    @Test
    void shouldBuyAboveTheCloseForTheStakeRoundedDown() {
        Fill buy = MODEL.buy(1_000L, new BigDecimal("806.5")).orElseThrow();

        // 806.5 * 1.001 = 807.3065; 1000 / 807.3065 = 1.238686917... -> 1.23868;
        // fee 0.001 * 807.3065 * 1.23868 = 0.000999994415420 * 1000
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.candleTime()).isEqualTo(1_000L);
        assertThat(buy.price()).hasToString("807.3065");
        assertThat(buy.quantity()).hasToString("1.23868");
        assertThat(buy.fee()).hasToString("0.99999441542");
        assertThat(buy.pnl()).isNull();
        assertThat(buy.pnlPercent()).isNull();
        assertThat(buy.net()).isEqualByComparingTo("1000.99440983542");
    }

    @Test
    void shouldSellBelowTheCloseAndReportPnlAfterBothFees() {
        Fill buy = MODEL.buy(1_000L, new BigDecimal("806.5")).orElseThrow();

        Fill sell = MODEL.sell(2_000L, new BigDecimal("850"), buy);

        // 850 * 0.999 = 849.15; fee 0.001 * 849.15 * 1.23868 = 1.051825122;
        // pnl (849.15 * 1.23868 - 1.051825122) - (807.3065 * 1.23868 + 0.99999441542) = 49.77888704258;
        // pnl% 49.77888704258 / 1000.99440983542 * 100 = 4.97294356027067... -> 4.972943560271
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.candleTime()).isEqualTo(2_000L);
        assertThat(sell.price()).hasToString("849.15");
        assertThat(sell.quantity()).hasToString("1.23868");
        assertThat(sell.fee()).hasToString("1.051825122");
        assertThat(sell.pnl()).hasToString("49.77888704258");
        assertThat(sell.pnlPercent()).hasToString("4.972943560271");
    }

    @Test
    void shouldRoundThePriceHalfEvenToTwelveDecimals() {
        FillModel model = new FillModel(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("3.3"), 0);

        // 0.123456789 * 1.00033 = 0.12349752974037; 1 / 0.1234975... = 8.097...
        Fill buy = model.buy(0L, new BigDecimal("0.123456789")).orElseThrow();

        assertThat(buy.price()).hasToString("0.12349752974");
        assertThat(buy.quantity()).hasToString("8");
        assertThat(buy.fee()).hasToString("0");
    }

    @Test
    void shouldLoseTheFeesAndSlippageWhenThePriceDoesNotMove() {
        FillModel model = FillModel.of(new BigDecimal("100"), new BigDecimal("0.001"), new BigDecimal("5"), null);
        Fill buy = model.buy(0L, new BigDecimal("100")).orElseThrow();

        Fill sell = model.sell(1L, new BigDecimal("100"), buy);

        // buy 100.05 x 0.99950024 (8 decimals by default), fee 0.099999999012, cost 100.099999011012;
        // sell 99.95, fee 0.099900048988; pnl 99.90004898800 - 0.099900048988 - 100.099999011012 = -0.299850072;
        // pnl% -0.29955052443808... -> -0.299550524438
        assertThat(buy.price()).hasToString("100.05");
        assertThat(buy.quantity()).hasToString("0.99950024");
        assertThat(buy.fee()).hasToString("0.099999999012");
        assertThat(sell.price()).hasToString("99.95");
        assertThat(sell.fee()).hasToString("0.099900048988");
        assertThat(sell.pnl()).hasToString("-0.299850072");
        assertThat(sell.pnlPercent()).hasToString("-0.299550524438");
    }

    @Test
    void shouldNotBuyWhenTheStakeBuysLessThanOneStep() {
        FillModel model = new FillModel(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, 2);

        assertThat(model.buy(0L, new BigDecimal("806.5"))).isEmpty();
    }

    @Test
    void shouldRefuseSettingsOutOfRange() {
        assertThatThrownBy(() -> new FillModel(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 8))
                .hasMessage("stake must be > 0, got 0");
        assertThatThrownBy(() -> new FillModel(BigDecimal.TEN, new BigDecimal("-0.1"), BigDecimal.ZERO, 8))
                .hasMessage("fee rate must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> new FillModel(BigDecimal.TEN, BigDecimal.ZERO, new BigDecimal("10000"), 8))
                .hasMessage("slippage must be in [0, 10000) bps, got 10000");
        assertThatThrownBy(() -> new FillModel(BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, 19))
                .hasMessage("amount decimals must be in [0, 18], got 19");
    }
}
