package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.live.RiskLimits;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.SkippedOrder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A live strategy's intents held against its risk limits and its account's (docs/live.md, "Risk limits"), before they
 * are committed: a daily loss reached halts (the strategy, or every strategy of the account) and sends nothing; a buy
 * that would hold more than {@code max-position}, spend more than is left of its {@code allocation}, or take the account's money at stake beyond {@code max-stake}, is
 * not sent, and why is kept as a skipped order's.
 */
final class RiskCheck {

    private RiskCheck() {
    }

    /**
     * Where the strategy and its account stand now.
     *
     * @param held             the base asset the strategy's sub-ledger holds, less its sells not settled
     * @param strategyPnlToday the strategy's realised pnl since 00:00 UTC (after fees; negative: a loss)
     * @param accountPnlToday  the same over every live strategy of the account, this one included
     * @param accountAtStake   what the open positions of the account's strategies cost, and their buys not settled
     * @param quoteLeft        what is left of the strategy's allocation, less what its unfinished buys may spend;
     *                         null without an allocation
     */
    record Standing(BigDecimal held, BigDecimal strategyPnlToday, BigDecimal accountPnlToday, BigDecimal accountAtStake,
                    BigDecimal quoteLeft) {
    }

    /**
     * What may be sent.
     *
     * @param halt why the strategy (or, with {@code wholeAccount}, every strategy of the account) halts now, if it does
     */
    record Checked(List<LiveOrder> intents, List<SkippedOrder> skipped, Optional<String> halt, boolean wholeAccount) {
    }

    static Checked check(List<LiveOrder> intents, RiskLimits.OfStrategy own, RiskLimits.OfAccount account,
                         Standing now) {
        Optional<String> halt = Optional.empty();
        boolean wholeAccount = false;
        if (lost(now.strategyPnlToday(), own.maxDailyLoss())) {
            halt = Optional.of("max-daily-loss: lost " + MarketRules.plain(now.strategyPnlToday().negate())
                    + " today (UTC), the limit is " + MarketRules.plain(own.maxDailyLoss()));
        } else if (lost(now.accountPnlToday(), account.maxDailyLoss())) {
            halt = Optional.of("the account's max-daily-loss: its live strategies lost "
                    + MarketRules.plain(now.accountPnlToday().negate()) + " today (UTC), the limit is "
                    + MarketRules.plain(account.maxDailyLoss()));
            wholeAccount = true;
        }
        List<LiveOrder> sent = new ArrayList<>();
        List<SkippedOrder> skipped = new ArrayList<>();
        BigDecimal held = now.held();
        BigDecimal atStake = now.accountAtStake();
        BigDecimal quoteLeft = now.quoteLeft();
        for (LiveOrder o : intents) {
            String why = halt.map(h -> "not sent: halted by " + h).orElse(null);
            if (why == null && o.side() == Side.BUY) {
                why = buyRefusal(o, own, account, held, atStake, quoteLeft);
            }
            if (why != null) {
                skipped.add(new SkippedOrder(o.candleTime(), o.side(), why));
            } else {
                sent.add(o);
                if (o.side() == Side.BUY) {
                    held = held.add(expected(o));
                    atStake = atStake.add(o.quoteQuantity());
                    quoteLeft = quoteLeft == null ? null : quoteLeft.subtract(o.quoteQuantity());
                }
            }
        }
        return new Checked(List.copyOf(sent), List.copyOf(skipped), halt, wholeAccount);
    }

    private static String buyRefusal(LiveOrder buy, RiskLimits.OfStrategy own, RiskLimits.OfAccount account,
                                     BigDecimal held, BigDecimal atStake, BigDecimal quoteLeft) {
        if (own.allocation() != null && quoteLeft != null && quoteLeft.compareTo(buy.quoteQuantity()) < 0) {
            return "allocation: " + MarketRules.plain(quoteLeft.max(BigDecimal.ZERO)) + " " + SubLedger.quote(buy.symbol())
                    + " left of " + MarketRules.plain(own.allocation()) + " (after its buys, unfinished ones included,"
                    + " what its sells brought back and quote fees), the buy needs "
                    + MarketRules.plain(buy.quoteQuantity());
        }
        if (own.maxPosition() != null && buy.modelPrice() != null
                && held.add(expected(buy)).compareTo(own.maxPosition()) > 0) {
            return "max-position: a buy of about " + MarketRules.plain(expected(buy).round(MathContext.DECIMAL32))
                    + " would hold " + MarketRules.plain(held.add(expected(buy)).round(MathContext.DECIMAL32))
                    + ", the limit is " + MarketRules.plain(own.maxPosition());
        }
        if (account.maxStake() != null && atStake.add(buy.quoteQuantity()).compareTo(account.maxStake()) > 0) {
            return "the account's max-stake: its open positions and unsettled buys hold " + MarketRules.plain(atStake)
                    + ", with this buy's " + MarketRules.plain(buy.quoteQuantity()) + " beyond the limit "
                    + MarketRules.plain(account.maxStake());
        }
        return null;
    }

    /** The base quantity a buy of its quote amount gets at the price the model gave its signal. */
    private static BigDecimal expected(LiveOrder buy) {
        return buy.modelPrice() == null || buy.modelPrice().signum() == 0 ? BigDecimal.ZERO
                : buy.quoteQuantity().divide(buy.modelPrice(), MathContext.DECIMAL64);
    }

    private static boolean lost(BigDecimal pnl, BigDecimal limit) {
        return limit != null && pnl.negate().compareTo(limit) >= 0;
    }
}
