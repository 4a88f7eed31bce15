package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.SkippedOrder;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders a live strategy's new fills decide: the stake for a buy, what its own ledger holds for a sell. */
class LiveIntentsTest {

    static final long T = 1_700_000_000_000L;
    static final long H = Timeframe.H1.millis();
    static final DeclaredStrategy S = new DeclaredStrategy("btc-live", new MarketKey("binance", "BTC/USDT", Timeframe.H1),
            StrategySpec.of("rsi", Map.of()), new BigDecimal("100"), new BigDecimal("0.001"), new BigDecimal("5"));
    static final MarketRules RULES = new MarketRules(new BigDecimal("0.0001"), null, new BigDecimal("0.0002"),
            new BigDecimal("5"));
    static final FillModel MODEL = S.fillModel(RULES);

    private static Fill buy(long t, String price) {
        return Fill.buy(t, new BigDecimal(price), new BigDecimal("0.0024"), new BigDecimal("0.1"));
    }

    private static Fill sell(long t, String price) {
        return new Fill(Side.SELL, t, new BigDecimal(price), new BigDecimal("0.0024"), new BigDecimal("0.1"),
                BigDecimal.ONE, BigDecimal.ONE);
    }

    private static LiveIntents.Decided decide(List<Fill> fills, String held) {
        return LiveIntents.decide(S, "main", MODEL, fills, new BigDecimal(held), Set.of(), false, 42);
    }

    @Test
    void shouldBuyForTheStakeWithTheModelledPrice() {
        LiveIntents.Decided d = decide(List.of(buy(T, "40020")), "0");

        assertThat(d.intents()).singleElement().isEqualTo(LiveOrder.intent(ClientOrderIds.of("btc-live", T, Side.BUY),
                "btc-live", "main", "BTC/USDT", Side.BUY, T, null, new BigDecimal("100"), new BigDecimal("40020"), 42));
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void shouldSellWhatItsOwnLedgerHoldsInWholeSteps() {
        LiveIntents.Decided d = decide(List.of(sell(T, "41000")), "0.00249751");

        assertThat(d.intents()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.quantity()).isEqualByComparingTo("0.0024");
            assertThat(o.quoteQuantity()).isNull();
            assertThat(o.modelPrice()).isEqualByComparingTo("41000");
            assertThat(o.clientOrderId()).isEqualTo(ClientOrderIds.of("btc-live", T, Side.SELL));
        });
    }

    @Test
    void shouldMakeNoSellOfNothingHeldOrBelowTheMinimumsAndSayWhy() {
        assertThat(decide(List.of(sell(T, "41000")), "0").skipped()).extracting(SkippedOrder::reason)
                .containsExactly("nothing held in the strategy's own ledger (a buy not filled yet counts for nothing)");
        assertThat(decide(List.of(sell(T, "41000")), "0.00009").skipped()).extracting(SkippedOrder::reason)
                .containsExactly("it holds 0.00009, less than one amount step 0.0001");
        assertThat(decide(List.of(sell(T, "41000")), "0.0001").skipped()).extracting(SkippedOrder::reason)
                .containsExactly("quantity 0.0001 held is below the minimum order size 0.0002");
        assertThat(decide(List.of(sell(T, "20000")), "0.0002").skipped()).extracting(SkippedOrder::reason)
                .containsExactly("order value 4 (0.0002 at 20000) is below the minimum notional 5");
        assertThat(decide(List.of(sell(T, "20000")), "0.0002").intents()).isEmpty();
    }

    @Test
    void shouldCommitASellUnsizedWhileABuyIsNotSettledInsteadOfRefusingIt() {
        LiveIntents.Decided d = LiveIntents.decide(S, "main", MODEL, List.of(sell(T, "41000")), BigDecimal.ZERO, Set.of(), true, 42);

        assertThat(d.skipped()).isEmpty();
        assertThat(d.intents()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.sizedAtSend()).isTrue();
            assertThat(o.requested()).isEqualTo("what it holds once its buy settles");
            assertThat(o.modelPrice()).isEqualByComparingTo("41000");
            assertThat(o.clientOrderId()).isEqualTo(ClientOrderIds.of("btc-live", T, Side.SELL));
        });
        // a round trip decided by one evaluation is still not sent, sized later or not
        assertThat(LiveIntents.decide(S, "main", MODEL, List.of(buy(T, "40000"), sell(T + H, "41000")),
                BigDecimal.ZERO, Set.of(), true, 42).intents()).isEmpty();
    }

    @Test
    void shouldTakeABuyCommittedBeforeForThatOrderNotHalfOfARoundTrip() {
        // a run failed after committing the buy of T; this one evaluates T again and decides the sell of T + H
        LiveIntents.Decided d = LiveIntents.decide(S, "main", MODEL, List.of(buy(T, "40000"), sell(T + H, "41000")),
                new BigDecimal("0.0024"), Set.of(ClientOrderIds.of("btc-live", T, Side.BUY)), false, 42);

        assertThat(d.skipped()).isEmpty();
        assertThat(d.intents()).extracting(LiveOrder::side, LiveOrder::candleTime, LiveOrder::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.SELL, T + H, new BigDecimal("0.0024")));
    }

    @Test
    void shouldSendNeitherSideOfARoundTripDecidedByOneEvaluation() {
        LiveIntents.Decided d = decide(List.of(sell(T, "41000"), buy(T + H, "40000"), sell(T + 3 * H, "40500"),
                buy(T + 5 * H, "39000")), "0.0024");

        assertThat(d.intents()).extracting(LiveOrder::side, LiveOrder::candleTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.SELL, T),
                        org.assertj.core.groups.Tuple.tuple(Side.BUY, T + 5 * H));
        assertThat(d.skipped()).extracting(SkippedOrder::side, SkippedOrder::candleTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.BUY, T + H),
                        org.assertj.core.groups.Tuple.tuple(Side.SELL, T + 3 * H));
    }
}
