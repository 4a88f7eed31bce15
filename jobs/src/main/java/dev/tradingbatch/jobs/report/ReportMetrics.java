package dev.tradingbatch.jobs.report;

import dev.tradingbatch.model.StoredTrade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The performance of one strategy's trades in one run, from the exact decimals of {@code strategy_trades}.
 * A closed trade is a round trip: a sell and the buy before it; a buy that no sell follows is the open position.
 * Sums and differences of amounts are exact; ratios are kept to {@value #SCALE} decimals, HALF_EVEN.
 *
 * @param closedTrades round trips (sell rows)
 * @param wins         round trips with pnl above zero
 * @param losses       round trips with pnl below zero
 * @param totalPnl     the sum of the round trips' pnl, after fees, in quote currency
 * @param winRate      {@code wins / closedTrades × 100}, zero without closed trades
 * @param avgReturn    the mean of the round trips' pnl_percent, zero without closed trades
 * @param maxDrawdown  the largest fall of realised equity
 * @param openPosition the buy of the position still open
 */
public record ReportMetrics(int closedTrades, int wins, int losses, BigDecimal totalPnl, BigDecimal winRate,
                            BigDecimal avgReturn, Drawdown maxDrawdown, Optional<StoredTrade> openPosition) {

    static final int SCALE = 12;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * The largest peak-to-trough fall of realised equity, equity being the running sum of pnl from zero before the
     * first round trip, in quote currency. {@code notional} is what an account trading one stake held at the peak:
     * the peak equity plus the cost (price × quantity + fee) of the first buy after the peak, the stake the fall
     * began with; {@code percent} is the fall as a percent of it. Peak and trough are the candle times of the sells
     * that reached them, the peak's null when it is the start.
     */
    public record Drawdown(BigDecimal amount, BigDecimal notional, BigDecimal percent, Long peakTime, Long troughTime) {

        static final Drawdown NONE = new Drawdown(BigDecimal.ZERO, null, BigDecimal.ZERO, null, null);
    }

    /** The figures of {@code trades}: one strategy's, one run's, in trading order (candle time, then id). */
    static ReportMetrics of(List<StoredTrade> trades) {
        int closed = 0;
        int wins = 0;
        int losses = 0;
        int returns = 0;
        BigDecimal returnSum = BigDecimal.ZERO;
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        Long peakTime = null;
        BigDecimal notionalAfterPeak = null;
        Drawdown worst = Drawdown.NONE;
        StoredTrade buy = null;
        for (StoredTrade t : trades) {
            if (t.isBuy()) {
                buy = t;
                continue;
            }
            // the stake of the first round trip after the peak: its buy, or the sell's own amount if none came before
            BigDecimal stake = buy != null ? buy.cost() : t.price().multiply(t.quantity());
            buy = null;
            if (notionalAfterPeak == null) {
                notionalAfterPeak = peak.add(stake);
            }
            BigDecimal pnl = t.pnl() == null ? BigDecimal.ZERO : t.pnl();
            closed++;
            wins += pnl.signum() > 0 ? 1 : 0;
            losses += pnl.signum() < 0 ? 1 : 0;
            if (t.pnlPercent() != null) {
                returns++;
                returnSum = returnSum.add(t.pnlPercent());
            }
            equity = equity.add(pnl);
            if (equity.compareTo(peak) > 0) {
                peak = equity;
                peakTime = t.candleTime();
                notionalAfterPeak = null;
            } else {
                BigDecimal fall = peak.subtract(equity);
                if (fall.compareTo(worst.amount()) > 0) {
                    worst = new Drawdown(fall, notionalAfterPeak, percent(fall, notionalAfterPeak), peakTime,
                            t.candleTime());
                }
            }
        }
        return new ReportMetrics(closed, wins, losses, equity,
                closed == 0 ? BigDecimal.ZERO : percent(BigDecimal.valueOf(wins), BigDecimal.valueOf(closed)),
                returns == 0 ? BigDecimal.ZERO : returnSum.divide(BigDecimal.valueOf(returns), SCALE, RoundingMode.HALF_EVEN),
                worst, Optional.ofNullable(buy));
    }

    /**
     * What closing the open position at {@code close} would make before the selling fee and slippage:
     * {@code (close − buy price) × quantity − buy fee}, exact.
     */
    static BigDecimal unrealisedPnl(StoredTrade buy, BigDecimal close) {
        return close.subtract(buy.price()).multiply(buy.quantity()).subtract(buy.fee());
    }

    /** {@code part / whole × 100} to {@value #SCALE} decimals, HALF_EVEN. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, SCALE, RoundingMode.HALF_EVEN);
    }
}
