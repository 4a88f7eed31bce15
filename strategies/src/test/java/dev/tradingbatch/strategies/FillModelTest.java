package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void shouldSkipABuyBelowTheMinimumOrderSizeAndSayWhy() {
        // 300 / 50000 = 0.006 BTC, the exchange's minimum is 0.01
        FillModel model = new FillModel(new BigDecimal("300"), BigDecimal.ZERO, BigDecimal.ZERO,
                new MarketRules(new BigDecimal("0.00001000"), null, new BigDecimal("0.01"), null));

        FillModel.Order order = model.order(7_000L, new BigDecimal("50000"));

        assertThat(order.fill()).isEmpty();
        assertThat(order.skipped()).contains(new SkippedOrder(7_000L, Side.BUY,
                "quantity 0.006 at 50000 is below the minimum order size 0.01"));
        assertThat(model.buy(7_000L, new BigDecimal("50000"))).isEmpty();
        assertThat(model.order(7_000L, new BigDecimal("30000")).fill()).map(Fill::quantity)
                .as("0.01 exactly meets the minimum").contains(new BigDecimal("0.01"));
    }

    @Test
    void shouldRoundTheQuantityDownToAMultipleOfTheAmountStep() {
        FillModel model = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO,
                new MarketRules(new BigDecimal("0.001"), null, null, null));

        // 1000 / 806.5 = 1.23992...: 1239 steps of 0.001
        assertThat(model.buy(0L, new BigDecimal("806.5")).orElseThrow().quantity()).hasToString("1.239");
        for (String close : List.of("0.7", "3.3", "17.77", "42123.45", "999.999")) {
            BigDecimal quantity = model.buy(0L, new BigDecimal(close)).orElseThrow().quantity();
            assertThat(quantity.remainder(new BigDecimal("0.001"))).as("quantity at %s", close).isZero();
            assertThat(quantity.add(new BigDecimal("0.001")).multiply(new BigDecimal(close)))
                    .as("one step more costs more than the stake").isGreaterThan(new BigDecimal("1000"));
        }
    }

    @Test
    void shouldRoundToAStepThatIsNoPowerOfTen() {
        FillModel model = new FillModel(new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO,
                new MarketRules(new BigDecimal("0.25"), null, null, null));

        // 100 / 30 = 3.33: 13 steps of 0.25
        assertThat(model.buy(0L, new BigDecimal("30")).orElseThrow().quantity()).hasToString("3.25");
    }

    @Test
    void shouldSkipABuyBelowTheMinimumNotional() {
        FillModel model = new FillModel(new BigDecimal("4.99"), BigDecimal.ZERO, BigDecimal.ZERO,
                new MarketRules(new BigDecimal("0.00001"), new BigDecimal("0.01"), new BigDecimal("0.00001"),
                        new BigDecimal("5.00000000")));

        // 4.99 / 42000 = 0.000118...: 0.00011 for 4.62
        assertThat(model.order(0L, new BigDecimal("42000")).skipped()).map(SkippedOrder::reason)
                .contains("order value 4.62 (0.00011 at 42000) is below the minimum notional 5");
    }

    @Test
    void shouldSayWhenTheStakeBuysLessThanOneStep() {
        FillModel model = new FillModel(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, 2);

        assertThat(model.order(0L, new BigDecimal("806.5")).skipped()).map(SkippedOrder::reason)
                .contains("the stake 1 buys less than one amount step 0.01 at 806.5");
    }

    @Test
    void shouldTellTheTraderWhichSignalsItSkipped() {
        // Bitstamp BTC/USD 5m, Nov 2013, prices 800 to 1160: a stake of 10 buys 0.0087 to 0.0125, the minimum is 0.01
        FillModel model = new FillModel(new BigDecimal("10"), BigDecimal.ZERO, BigDecimal.ZERO,
                new MarketRules(new BigDecimal("0.001"), null, new BigDecimal("0.01"), null));
        List<SkippedOrder> skipped = new ArrayList<>();
        PaperTrader trader = new PaperTrader(StrategySpec.of("rsi", java.util.Map.of("period", "14", "oversold", "35",
                "overbought", "65")), Timeframe.M5, model, skipped::add);

        List<Fill> fills = TestCandles.trade(trader, TestCandles.sample("bitstamp-BTC-USD-5m.csv"));

        assertThat(skipped).isNotEmpty().allSatisfy(s -> {
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.reason()).matches("quantity 0\\.00\\d at \\d+(\\.\\d+)? is below the minimum order size 0\\.01");
        });
        assertThat(fills).isNotEmpty().allSatisfy(f -> assertThat(f.quantity())
                .isGreaterThanOrEqualTo(new BigDecimal("0.01")));
    }
}
