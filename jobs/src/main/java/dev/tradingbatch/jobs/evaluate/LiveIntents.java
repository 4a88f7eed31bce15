package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.SkippedOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * The orders a live strategy's new fills decide: the paper model says when to buy and sell, the strategy's own
 * sub-ledger how much. A buy spends the stake (the quote amount the paper model sizes its buy from, its minimums
 * already checked); a sell sells what the strategy holds, rounded down to the market's amount step, and is no order
 * when that is nothing or below the market's minimums (the reason kept as a skipped paper order's is). A buy and the
 * sell that closes it decided by the same evaluation (candles evaluated at once after a pause) are a round trip in the
 * past: neither is sent.
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
     */
    static Decided decide(DeclaredStrategy s, String account, FillModel model, List<Fill> newFills, BigDecimal held,
                          long now) {
        List<LiveOrder> intents = new ArrayList<>();
        List<SkippedOrder> skipped = new ArrayList<>();
        String symbol = s.market().symbol();
        Fill buy = null;
        BigDecimal holds = held;
        for (Fill f : newFills) {
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
            BigDecimal step = model.amountStep();
            BigDecimal quantity = plain(holds.max(BigDecimal.ZERO).divide(step, 0, RoundingMode.DOWN).multiply(step));
            String why = refusal(model.rules(), holds, step, quantity, f.price());
            if (why != null) {
                skipped.add(new SkippedOrder(f.candleTime(), Side.SELL, why));
                continue;
            }
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

    /** Why selling {@code quantity} (what is held, in whole steps) at {@code price} makes no order; null if it does. */
    private static String refusal(MarketRules rules, BigDecimal held, BigDecimal step, BigDecimal quantity,
                                  BigDecimal price) {
        if (held.signum() <= 0) {
            return "nothing held in the strategy's own ledger (a buy not filled yet counts for nothing)";
        }
        if (quantity.signum() == 0) {
            return "it holds " + MarketRules.plain(held) + ", less than one amount step " + MarketRules.plain(step);
        }
        if (rules.minQuantity() != null && quantity.compareTo(rules.minQuantity()) < 0) {
            return "quantity " + MarketRules.plain(quantity) + " held is below the minimum order size "
                    + MarketRules.plain(rules.minQuantity());
        }
        BigDecimal notional = quantity.multiply(price);
        if (rules.minNotional() != null && notional.compareTo(rules.minNotional()) < 0) {
            return "order value " + MarketRules.plain(notional) + " (" + MarketRules.plain(quantity) + " at "
                    + MarketRules.plain(price) + ") is below the minimum notional " + MarketRules.plain(rules.minNotional());
        }
        return null;
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
