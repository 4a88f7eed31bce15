package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Fill;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The closed round trips of a backtest, from their SELLs' pnl (quote currency, after both fees).
 *
 * @param closed      round trips
 * @param wins        round trips with pnl above zero
 * @param losses      round trips with pnl below zero
 * @param pnl         the sum of their pnl, exact
 * @param grossProfit the sum of the positive pnl, exact
 * @param grossLoss   minus the sum of the negative pnl (zero or more), exact
 */
record TradeStats(int closed, int wins, int losses, BigDecimal pnl, BigDecimal grossProfit, BigDecimal grossLoss) {

    static TradeStats of(List<Fill> sells) {
        int wins = 0;
        int losses = 0;
        BigDecimal profit = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        for (Fill sell : sells) {
            BigDecimal pnl = sell.pnl();
            if (pnl.signum() > 0) {
                wins++;
                profit = profit.add(pnl);
            } else if (pnl.signum() < 0) {
                losses++;
                loss = loss.subtract(pnl);
            }
        }
        return new TradeStats(sells.size(), wins, losses, profit.subtract(loss), profit, loss);
    }

    /** {@code wins / closed × 100}, 12 decimals HALF_EVEN; zero without closed round trips. */
    BigDecimal winRatePercent() {
        return closed == 0 ? BigDecimal.ZERO : Metrics.percent(BigDecimal.valueOf(wins), BigDecimal.valueOf(closed));
    }

    /** {@code grossProfit / grossLoss}; empty without a losing round trip, where it is undefined. */
    OptionalDouble profitFactor() {
        return grossLoss.signum() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(grossProfit.divide(grossLoss, MathContext.DECIMAL64).doubleValue());
    }
}
