package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.BadInputException;

import java.math.BigDecimal;

/**
 * The risk limits of live trading (docs/live.md, "Risk limits"), checked before every order is committed. A limit not
 * given is none.
 */
public final class RiskLimits {

    private RiskLimits() {
    }

    /**
     * A live strategy's own limits.
     *
     * @param maxPosition  the most base asset its sub-ledger may hold: a buy that would take it beyond is not sent
     * @param maxDailyLoss the most it may lose in a UTC day (realised, after fees, net of its gains): reached, it halts
     * @param allocation   the quote currency it may spend in all, its own money on the shared account: a buy beyond
     *                     what is left of it (after its buys, what its sells brought back and quote fees) is not sent
     */
    public record OfStrategy(BigDecimal maxPosition, BigDecimal maxDailyLoss, BigDecimal allocation) {

        public static final OfStrategy NONE = new OfStrategy(null, null, null);
    }

    /**
     * An account's limits over all its live strategies.
     *
     * @param maxStake     the most quote currency in open positions (what their buys cost) and buys not settled yet
     * @param maxDailyLoss the most they may lose together in a UTC day: reached, all of them halt
     */
    public record OfAccount(BigDecimal maxStake, BigDecimal maxDailyLoss) {

        public static final OfAccount NONE = new OfAccount(null, null);
    }

    /** {@code value} when given and above 0; bad input naming {@code key} otherwise. */
    public static BigDecimal positive(String key, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            throw new BadInputException(key + " must be above 0, got " + value.toPlainString());
        }
        return value;
    }
}
