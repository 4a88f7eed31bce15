package dev.tradingbatch.jobs.live;

import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.TradeRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A strategy's holdings and trades from its own real fills, exactly. */
class SubLedgerTest {

    static final long T = 1_700_000_000_000L;

    private static LiveFill fill(Side side, long id, String price, String qty, String quote, String commission,
                                 String asset) {
        return new LiveFill("main", "BTC/USDT", Long.toString(id), "tb-x", side, new BigDecimal(price),
                new BigDecimal(qty), new BigDecimal(quote), new BigDecimal(commission), asset, T + id);
    }

    private static LiveOrder order(Side side) {
        return LiveOrder.intent("tb-x", "btc-live", "main", "BTC/USDT", side, T, null, BigDecimal.TEN, T);
    }

    @Test
    void shouldHoldItsBuysLessItsSellsAndTheCommissionTakenInTheBaseAsset() {
        List<LiveFill> fills = List.of(fill(Side.BUY, 1, "40000", "0.001", "40", "0.000001", "BTC"),
                fill(Side.BUY, 2, "40010", "0.0015", "60.015", "0.0000015", "BTC"),
                fill(Side.SELL, 3, "41000", "0.001", "41", "0.041", "USDT"),
                fill(Side.BUY, 4, "40000", "0.001", "40", "0.0001", "BNB"));

        assertThat(SubLedger.held(fills, "BTC")).isEqualByComparingTo("0.0024975");
    }

    @Test
    void shouldWriteABuyAtItsAveragePriceHoldingWhatIsLeftAfterTheCommission() {
        TradeRow buy = SubLedger.trade(order(Side.BUY), List.of(
                fill(Side.BUY, 1, "40000", "0.001", "40", "0.000001", "BTC"),
                fill(Side.BUY, 2, "40010", "0.0015", "60.015", "0.0000015", "BTC")), Optional.empty(), "{}",
                SubLedger.CommissionPrices.NONE);

        assertThat(buy.price()).isEqualByComparingTo("40006");     // 100.015 / 0.0025
        assertThat(buy.quantity()).isEqualByComparingTo("0.0024975");
        assertThat(buy.fee()).isEqualByComparingTo("0.100015");    // 0.0000025 BTC at 40006
        assertThat(buy.price().multiply(buy.quantity()).add(buy.fee())).as("the cost is the quote spent")
                .isEqualByComparingTo("100.015");
        assertThat(buy.pnl()).isNull();
        assertThat(buy.executedAt()).isEqualTo(T + 2);
    }

    @Test
    void shouldWriteASellsPnlAgainstTheQuoteItsBuySpentWithACommissionInBnbValuedAtItsPriceThen() {
        TradeRow entry = new TradeRow("btc-live", "live", "BTC/USDT", "buy", new BigDecimal("40006"),
                new BigDecimal("0.0024975"), new BigDecimal("0.100015"), T, T, null, null, "{}");
        java.util.List<String> asked = new java.util.ArrayList<>();

        TradeRow sell = SubLedger.trade(order(Side.SELL), List.of(
                fill(Side.SELL, 3, "41000", "0.002", "82", "0.082", "USDT"),
                fill(Side.SELL, 4, "41000", "0.0004975", "20.3975", "0.0001", "BNB")), Optional.of(entry), "{}",
                (asset, time) -> {
                    asked.add(asset + "@" + time);
                    return new BigDecimal("300.5");
                });

        assertThat(asked).containsExactly("BNB@" + (T + 4));
        assertThat(sell.quantity()).isEqualByComparingTo("0.0024975");
        assertThat(sell.price()).isEqualByComparingTo("41000");
        assertThat(sell.fee()).isEqualByComparingTo("0.11205");    // 0.082 USDT + 0.0001 BNB at 300.5
        assertThat(sell.pnl()).isEqualByComparingTo("2.27045");    // 102.3975 - 0.11205 - 100.015
        assertThat(sell.pnlPercent()).isEqualByComparingTo("2.270109483577");
    }

    @Test
    void shouldReserveWhatItsSellsNotSettledYetWillSell() {
        LiveOrder sent = new LiveOrder("tb-s1", "btc-live", "main", "BTC/USDT", Side.SELL, T, new BigDecimal("0.002"),
                null, LiveOrder.UNKNOWN, null, null, null, null, "timeout", 1, T, T, null);
        LiveOrder applied = new LiveOrder("tb-x", "btc-live", "main", "BTC/USDT", Side.SELL, T - 1,
                new BigDecimal("0.001"), null, LiveOrder.ACCEPTED, "7", "FILLED", new BigDecimal("0.001"),
                new BigDecimal("41"), null, 1, T, T, null);
        LiveOrder refused = new LiveOrder("tb-r", "btc-live", "main", "BTC/USDT", Side.SELL, T - 2,
                new BigDecimal("0.5"), null, LiveOrder.REJECTED, null, null, null, null, "-2010", 1, T, T, null);
        LiveOrder expiredEmpty = new LiveOrder("tb-e", "btc-live", "main", "BTC/USDT", Side.SELL, T - 3,
                new BigDecimal("0.7"), null, LiveOrder.ACCEPTED, "8", "EXPIRED", new BigDecimal("0.00000000"),
                new BigDecimal("0"), null, 1, T, T, null);

        assertThat(SubLedger.reserved(List.of(sent, applied, refused, expiredEmpty),
                List.of(fill(Side.SELL, 3, "41000", "0.001", "41", "0.041", "USDT"))))
                .isEqualByComparingTo("0.002");
    }

    @Test
    void shouldLeaveOfTheAllocationWhatItsBuysDidNotSpendPlusWhatItsSellsBroughtLessQuoteFees() {
        LiveOrder bought = new LiveOrder("tb-b", "btc-live", "main", "BTC/USDT", Side.BUY, T - 2, null,
                new BigDecimal("100"), LiveOrder.ACCEPTED, "5", "FILLED", new BigDecimal("0.0025"),
                new BigDecimal("99.995"), null, 1, T, T, null);
        LiveOrder sold = new LiveOrder("tb-s", "btc-live", "main", "BTC/USDT", Side.SELL, T - 1,
                new BigDecimal("0.0024975"), null, LiveOrder.ACCEPTED, "6", "FILLED", new BigDecimal("0.0024975"),
                new BigDecimal("102.3975"), null, 1, T, T, null);
        LiveOrder refused = new LiveOrder("tb-r", "btc-live", "main", "BTC/USDT", Side.BUY, T, null,
                new BigDecimal("100"), LiveOrder.REJECTED, null, null, null, null, "-2010", 1, T, T, null);
        LiveOrder unknown = new LiveOrder("tb-u", "btc-live", "main", "BTC/USDT", Side.BUY, T + 1, null,
                new BigDecimal("100"), LiveOrder.UNKNOWN, null, null, null, null, "timeout", 1, T, T, null);
        LiveOrder partly = new LiveOrder("tb-p", "btc-live", "main", "BTC/USDT", Side.BUY, T + 2, null,
                new BigDecimal("100"), LiveOrder.ACCEPTED, "8", "PARTIALLY_FILLED", new BigDecimal("0.001"),
                new BigDecimal("40"), null, 1, T, T, null);
        List<LiveFill> fills = List.of(fill(Side.BUY, 1, "40000", "0.0025", "99.995", "0.0000025", "BTC"),
                fill(Side.SELL, 2, "41000", "0.0024975", "102.3975", "0.1023975", "USDT"),
                fill(Side.SELL, 3, "41000", "0.0001", "4.1", "0.0001", "BNB"));
        List<LiveOrder> orders = List.of(bought, sold, refused, unknown, partly);

        // 1000 - 99.995 + 102.3975 - 40 (the partly filled buy so far) - 0.1023975 (USDT commission only)
        assertThat(SubLedger.quoteLeft(new BigDecimal("1000"), orders, fills, "USDT"))
                .isEqualByComparingTo("962.3001025");
        // the unknown buy's 100 and what the partly filled one may still spend, 60; nothing of the refused one
        assertThat(SubLedger.quoteReserved(orders)).isEqualByComparingTo("160");
    }
}
