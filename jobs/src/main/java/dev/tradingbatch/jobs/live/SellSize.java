package dev.tradingbatch.jobs.live;

import dev.tradingbatch.model.MarketRules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much a live strategy's sell sells: what its own ledger holds, rounded down to the market's amount step, or why
 * that makes no order (nothing held, less than one step, below the market's minimum quantity or notional). The same
 * rule for a signal's sell and for {@code halt --close}.
 *
 * @param quantity what to sell, in whole steps; zero when {@code refusal} says why nothing is sold
 * @param refusal  why no order is made; null when one is
 */
public record SellSize(BigDecimal quantity, String refusal) {

    /** Selling what is {@code held} at {@code price} under {@code rules}, in whole {@code step}s. */
    public static SellSize of(MarketRules rules, BigDecimal step, BigDecimal held, BigDecimal price) {
        BigDecimal quantity = plain(held.max(BigDecimal.ZERO).divide(step, 0, RoundingMode.DOWN).multiply(step));
        return new SellSize(quantity, refusal(rules, held, step, quantity, price));
    }

    /** Whether an order is made. */
    public boolean sells() {
        return refusal == null;
    }

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
