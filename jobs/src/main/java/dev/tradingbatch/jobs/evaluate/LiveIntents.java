package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.jobs.live.SellSize;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.SkippedOrder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * The orders a live strategy's new fills decide: the paper model says when to buy and sell, the strategy's own
 * sub-ledger how much. A buy spends the stake (the quote amount the paper model sizes its buy from, its minimums
 * already checked); a sell sells what the strategy holds, rounded down to the market's amount step, and is no order
 * when that is nothing or below the market's minimums (the reason kept as a skipped paper order's is); but while a buy
 * of the strategy is not settled (its fills not answered yet), a sell is committed unsized, to sell what the strategy
 * holds once that buy is in its ledger ({@link LiveOrder#sizedAtSend()}), rather than refused as nothing held. A buy and the
 * sell that closes it decided by the same evaluation (candles evaluated at once after a pause) are a round trip in the
 * past: neither is sent. A fill whose order an earlier evaluation committed (its run failed after, so this one
 * evaluates its candle again) is that order, not a new one: a buy committed before is never half of a round trip.
 */
final class LiveIntents {

    /** The intents to commit, oldest first, and the signals that made no order with why. */
    record Decided(List<LiveOrder> intents, List<SkippedOrder> skipped) {
    }

    private LiveIntents() {
    }

    /**
     * @param held the base asset the strategy's sub-ledger holds now (its filled buys minus its sells, net of
     *             commission in the base asset)
     * @param committed the client order ids of the strategy's orders committed before
     * @param sizeLater whether its sells are sized when sent ({@link dev.tradingbatch.jobs.live.SubLedger#sellsSizedAtSend})
     */
    static Decided decide(DeclaredStrategy s, String account, FillModel model, List<Fill> newFills, BigDecimal held,
                          Set<String> committed, boolean sizeLater, long now) {
        List<LiveOrder> intents = new ArrayList<>();
        List<SkippedOrder> skipped = new ArrayList<>();
        String symbol = s.market().symbol();
        Fill buy = null;
        BigDecimal holds = held;
        for (Fill f : newFills) {
            if (committed.contains(ClientOrderIds.of(s.id(), f.candleTime(), f.side()))) {
                continue;
            }
            if (f.side() == Side.BUY) {
                buy = f;
                continue;
            }
            if (buy != null) {
                skipped.add(new SkippedOrder(buy.candleTime(), Side.BUY, "its sell on the candle of "
                        + iso(f.candleTime()) + " was decided by the same evaluation: a round trip in the past, not sent"));
                skipped.add(new SkippedOrder(f.candleTime(), Side.SELL, "closes the buy of the candle of "
                        + iso(buy.candleTime()) + ", which was not sent"));
                buy = null;
                continue;
            }
            if (sizeLater) {
                intents.add(LiveOrder.intent(ClientOrderIds.of(s.id(), f.candleTime(), Side.SELL), s.id(), account,
                        symbol, Side.SELL, f.candleTime(), BigDecimal.ZERO, null, f.price(), now));
                continue;
            }
            SellSize size = SellSize.of(model.rules(), model.amountStep(), holds, f.price());
            if (!size.sells()) {
                skipped.add(new SkippedOrder(f.candleTime(), Side.SELL, size.refusal()));
                continue;
            }
            BigDecimal quantity = size.quantity();
            intents.add(LiveOrder.intent(ClientOrderIds.of(s.id(), f.candleTime(), Side.SELL), s.id(), account, symbol,
                    Side.SELL, f.candleTime(), quantity, null, f.price(), now));
            holds = holds.subtract(quantity);
        }
        if (buy != null) {
            intents.add(LiveOrder.intent(ClientOrderIds.of(s.id(), buy.candleTime(), Side.BUY), s.id(), account, symbol,
                    Side.BUY, buy.candleTime(), null, s.stake(), buy.price(), now));
        }
        return new Decided(List.copyOf(intents), List.copyOf(skipped));
    }
}
