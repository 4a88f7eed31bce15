package dev.tradingbatch.strategies.metrics.before;

import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Drawdown;
import dev.tradingbatch.strategies.metrics.EquityPoint;

import dev.tradingbatch.db.Candle;
import dev.tradingbatch.db.Timeframe;
import dev.tradingbatch.strategies.Fill;
import dev.tradingbatch.strategies.FillModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** The metrics as computed before the summary (commit d2db7d8), kept verbatim as the reference the faster code must equal. */
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
        BigDecimal stake = fillModel.stake();
        EquityCurve curve = new EquityCurve(candles, fills, stake, timeframe);
        TradeStats trades = TradeStats.of(curve.sells());
        ReturnRatios ratios = new ReturnRatios(stake, curve.points(), (double) YEAR_MILLIS / timeframe.millis());
        Candle last = candles.getLast();
        long start = candles.getFirst().openTime();
        long end = last.openTime() + timeframe.millis();
        BigDecimal finalEquity = curve.finalEquity();
        Optional<Fill> open = curve.openPosition();
        return new BacktestMetrics(start, end, candles.size(), stake, finalEquity, trades.pnl(),
                open.map(buy -> marked(buy, last)).orElse(BigDecimal.ZERO), open,
                percent(finalEquity.subtract(stake), stake), annualised(finalEquity, stake, end - start),
                curve.deepest(), trades.closed(), trades.wins(), trades.losses(), trades.winRatePercent(),
                trades.grossProfit(), trades.grossLoss(), trades.profitFactor(), ratios.sharpe(), ratios.sortino(),
                percent(BigDecimal.valueOf(curve.heldCandles()), BigDecimal.valueOf(candles.size())),
                buyAndHold(candles, fillModel), curve.points());
    }

    /** {@code part / whole × 100} to {@value #SCALE} decimals, HALF_EVEN. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, SCALE, RoundingMode.HALF_EVEN);
    }

    /** What {@code buy} would bring over its cost at {@code candle}'s close, before selling fee and slippage. */
    private static BigDecimal marked(Fill buy, Candle candle) {
        return buy.quantity().multiply(candle.close()).subtract(buy.net());
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
    private static BigDecimal buyAndHold(List<Candle> candles, FillModel fillModel) {
        Candle first = candles.getFirst();
        return fillModel.buy(first.openTime(), first.close())
                .map(buy -> percent(marked(buy, candles.getLast()), fillModel.stake()))
                .orElse(BigDecimal.ZERO);
    }
}
