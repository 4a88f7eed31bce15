package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * {@link Metrics#compute} as it was before the summary (commit d2db7d8), the reference of {@link MetricsBeforeTest}:
 * the figures of the {@link EquityCurveBefore} walk, the per-candle returns taken from its points, and the code that
 * did not change reused from main ({@link TradeStats}, the formulas of {@link ReturnRatios},
 * {@link Metrics#percent}).
 */
final class MetricsBefore {

    private MetricsBefore() {
    }

    static BacktestMetrics compute(List<Candle> candles, List<Fill> fills, FillModel fillModel, Timeframe timeframe) {
        BigDecimal stake = fillModel.stake();
        EquityCurveBefore curve = new EquityCurveBefore(candles, fills, stake, timeframe);
        TradeStats trades = TradeStats.of(curve.sells);
        double[] returns = returns(stake, curve.points);
        ReturnRatios ratios = new ReturnRatios(returns, (double) Metrics.YEAR_MILLIS / timeframe.millis());
        Candle first = candles.getFirst();
        Candle last = candles.getLast();
        long start = first.openTime();
        long end = last.openTime() + timeframe.millis();
        BigDecimal finalEquity = curve.points.getLast().equity();
        Optional<Fill> open = Optional.ofNullable(curve.position);
        BigDecimal unrealised = open.map(buy -> marked(buy, last)).orElse(BigDecimal.ZERO);
        BigDecimal buyAndHold = fillModel.buy(first.openTime(), first.close())
                .map(buy -> Metrics.percent(marked(buy, last), stake)).orElse(BigDecimal.ZERO);
        BigDecimal exposure = Metrics.percent(BigDecimal.valueOf(curve.heldCandles),
                BigDecimal.valueOf(candles.size()));
        return new BacktestMetrics(start, end, candles.size(), stake, finalEquity, trades.pnl(), unrealised, open,
                Metrics.percent(finalEquity.subtract(stake), stake), annualised(finalEquity, stake, end - start),
                Optional.ofNullable(curve.deepest), trades.closed(), trades.wins(), trades.losses(),
                trades.winRatePercent(), trades.grossProfit(), trades.grossLoss(), trades.profitFactor(),
                ratios.sharpe(), ratios.sortino(), exposure, buyAndHold, curve.points);
    }

    /**
     * The per-candle returns of the equity points: each equity over the previous one (the stake before the first)
     * minus one, {@link MathContext#DECIMAL64} then double; null once a previous equity is zero or less.
     */
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

    /** What {@code buy} would bring over its cost at {@code candle}'s close, before selling fee and slippage. */
    private static BigDecimal marked(Fill buy, Candle candle) {
        return buy.quantity().multiply(candle.close()).subtract(buy.net());
    }

    /** Compound growth over {@code spanMillis} scaled to a year of 365.25 days, as a percent. */
    private static double annualised(BigDecimal finalEquity, BigDecimal stake, long spanMillis) {
        double growth = finalEquity.divide(stake, MathContext.DECIMAL64).doubleValue();
        return growth <= 0 ? -100 : (Math.pow(growth, (double) Metrics.YEAR_MILLIS / spanMillis) - 1) * 100;
    }
}
