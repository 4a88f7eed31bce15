package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** Computes the {@link BacktestMetrics} of a replay. */
public final class Metrics {

    /** Decimals of a percent of amounts. */
    public static final int SCALE = 12;
    /** 365.25 days, the year of annualised figures. */
    public static final long YEAR_MILLIS = 31_557_600_000L;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Metrics() {
    }

    /**
     * The metrics of {@code fills} made on {@code candles}.
     *
     * @param candles   the evaluated candles, from the replay's first evaluated candle to its last, in strictly
     *                  increasing open time; at least one (warm-up candles excluded)
     * @param fills     the fills in order: BUY, SELL, BUY, ...; a final BUY is the position still open. Each names an
     *                  evaluated candle by its open time
     * @param fillModel the model the fills were made with: its stake is the starting equity, and buy-and-hold buys
     *                  with it
     * @param timeframe the candles' timeframe
     * @throws IllegalArgumentException when the candles are empty or out of order, or a fill is out of order, not on
     *                                  an evaluated candle, or breaks the BUY, SELL alternation
     */
    public static BacktestMetrics compute(List<Candle> candles, List<Fill> fills, FillModel fillModel,
                                          Timeframe timeframe) {
        return compute(CandleCloses.of(candles), fills, fillModel, timeframe, true);
    }

    /** {@link #compute(List, List, FillModel, Timeframe)} of the candles' open times and closes. */
    public static BacktestMetrics compute(CandleCloses candles, List<Fill> fills, FillModel fillModel,
                                          Timeframe timeframe) {
        return compute(candles, fills, fillModel, timeframe, true);
    }

    /**
     * The same metrics as {@link #compute(CandleCloses, List, FillModel, Timeframe)}, every figure the same exact
     * value, without the equity curve ({@link BacktestMetrics#equityCurve()} is empty): what a replay stores. It
     * divides only where the deepest drawdown may change, not at every candle held.
     */
    public static BacktestMetrics summary(CandleCloses candles, List<Fill> fills, FillModel fillModel,
                                          Timeframe timeframe) {
        return compute(candles, fills, fillModel, timeframe, false);
    }

    private static BacktestMetrics compute(CandleCloses candles, List<Fill> fills, FillModel fillModel,
                                           Timeframe timeframe, boolean curve) {
        BigDecimal stake = fillModel.stake();
        EquityCurve equity = new EquityCurve(candles, fills, stake, timeframe, curve);
        TradeStats trades = TradeStats.of(equity.sells());
        ReturnRatios ratios = new ReturnRatios(equity.returns(), (double) YEAR_MILLIS / timeframe.millis());
        int last = candles.size() - 1;
        BigDecimal lastClose = candles.close(last);
        long start = candles.openTime(0);
        long end = candles.openTime(last) + timeframe.millis();
        BigDecimal finalEquity = equity.finalEquity();
        Optional<Fill> open = equity.openPosition();
        return new BacktestMetrics(start, end, candles.size(), stake, finalEquity, trades.pnl(),
                open.map(buy -> marked(buy, lastClose)).orElse(BigDecimal.ZERO), open,
                percent(finalEquity.subtract(stake), stake), annualised(finalEquity, stake, end - start),
                equity.deepest(), trades.closed(), trades.wins(), trades.losses(), trades.winRatePercent(),
                trades.grossProfit(), trades.grossLoss(), trades.profitFactor(), ratios.sharpe(), ratios.sortino(),
                percent(BigDecimal.valueOf(equity.heldCandles()), BigDecimal.valueOf(candles.size())),
                buyAndHold(candles, fillModel), equity.points());
    }

    /** {@code part / whole × 100} to {@value #SCALE} decimals, HALF_EVEN. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, SCALE, RoundingMode.HALF_EVEN);
    }

    /** What {@code buy} would bring over its cost at {@code close}, before selling fee and slippage. */
    private static BigDecimal marked(Fill buy, BigDecimal close) {
        return buy.quantity().multiply(close).subtract(buy.net());
    }

    /** Compound growth over {@code spanMillis} scaled to a year of 365.25 days, as a percent. */
    private static double annualised(BigDecimal finalEquity, BigDecimal stake, long spanMillis) {
        double growth = finalEquity.divide(stake, MathContext.DECIMAL64).doubleValue();
        if (growth <= 0) {
            return -100;
        }
        return (Math.pow(growth, (double) YEAR_MILLIS / spanMillis) - 1) * 100;
    }

    /** A BUY at the first close held to the last, as the strategy's own open position would be valued. */
    private static BigDecimal buyAndHold(CandleCloses candles, FillModel fillModel) {
        return fillModel.buy(candles.openTime(0), candles.close(0))
                .map(buy -> percent(marked(buy, candles.close(candles.size() - 1)), fillModel.stake()))
                .orElse(BigDecimal.ZERO);
    }
}
