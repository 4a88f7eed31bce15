package dev.tradingbatch.strategies.metrics.before;

import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Drawdown;
import dev.tradingbatch.strategies.metrics.EquityPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Sharpe and Sortino ratios of the per-candle returns of an equity curve, annualised by the square root of the
 * candles in a year; risk-free rate and target return zero. A candle's return is its close's equity over the
 * previous close's (the stake for the first candle), minus one; the deviations are sample ones (n − 1).
 */
final class ReturnRatios {

    /** The per-candle returns; null when a previous equity is zero or less, so that returns are undefined. */
    private final double[] returns;
    private final double annualisation;

    ReturnRatios(BigDecimal stake, List<EquityPoint> points, double candlesPerYear) {
        this.returns = returns(stake, points);
        this.annualisation = Math.sqrt(candlesPerYear);
    }

    /** mean / standard deviation × √(candles per year); empty for fewer than 2 returns or no deviation. */
    OptionalDouble sharpe() {
        if (returns == null || returns.length < 2) {
            return OptionalDouble.empty();
        }
        double mean = mean();
        double squares = 0;
        for (double r : returns) {
            squares += (r - mean) * (r - mean);
        }
        return ratio(mean, Math.sqrt(squares / (returns.length - 1)));
    }

    /**
     * mean / downside deviation × √(candles per year), the downside deviation being √(Σ min(r, 0)² / (n − 1));
     * empty for fewer than 2 returns or no negative return.
     */
    OptionalDouble sortino() {
        if (returns == null || returns.length < 2) {
            return OptionalDouble.empty();
        }
        double squares = 0;
        for (double r : returns) {
            double below = Math.min(r, 0);
            squares += below * below;
        }
        return ratio(mean(), Math.sqrt(squares / (returns.length - 1)));
    }

    private OptionalDouble ratio(double mean, double deviation) {
        return deviation == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean / deviation * annualisation);
    }

    private double mean() {
        double sum = 0;
        for (double r : returns) {
            sum += r;
        }
        return sum / returns.length;
    }

    private static double[] returns(BigDecimal stake, List<EquityPoint> points) {
        double[] returns = new double[points.size()];
        BigDecimal previous = stake;
        for (int i = 0; i < returns.length; i++) {
            if (previous.signum() <= 0) {
                return null;
            }
            BigDecimal equity = points.get(i).equity();
            returns[i] = equity.subtract(previous).divide(previous, MathContext.DECIMAL64).doubleValue();
            previous = equity;
        }
        return returns;
    }
}
