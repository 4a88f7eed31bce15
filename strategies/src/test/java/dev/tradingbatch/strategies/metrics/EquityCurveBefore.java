package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The equity curve as {@code EquityCurve} computed it before the summary (commit d2db7d8), the reference of
 * {@link MetricsBeforeTest}: the account walked candle by candle in {@link BigDecimal}s, the equity at every close,
 * its drawdown percent divided out at every close and the deepest drawdown (the first of equal ones). None of the
 * main curve's shortcuts (longs, cached percents, double margins). Expects valid candles and fills, which
 * {@code EquityCurve} checks.
 */
final class EquityCurveBefore {

    /** The equity and drawdown at every close, in candle order. */
    final List<EquityPoint> points = new ArrayList<>();
    /** The SELLs, one per closed round trip, in order. */
    final List<Fill> sells = new ArrayList<>();
    /** The BUY still open after the last candle, null when flat. */
    Fill position;
    /** Candles during which a position was held: from the one after a BUY's candle to its SELL's candle included. */
    int heldCandles;
    /** The deepest drawdown by percent, null when equity never fell below a peak. */
    Drawdown deepest;

    EquityCurveBefore(List<Candle> candles, List<Fill> fills, BigDecimal stake, Timeframe timeframe) {
        BigDecimal cash = stake;
        BigDecimal peak = stake;
        long peakTime = candles.getFirst().openTime();
        Iterator<Fill> remaining = fills.iterator();
        Fill next = remaining.hasNext() ? remaining.next() : null;
        for (Candle candle : candles) {
            if (position != null) {
                heldCandles++;
            }
            if (next != null && next.candleTime() == candle.openTime()) {
                if (next.side() == Side.BUY) {
                    cash = cash.subtract(next.net());
                    position = next;
                } else {
                    cash = cash.add(position.net()).add(next.pnl());
                    sells.add(next);
                    position = null;
                }
                next = remaining.hasNext() ? remaining.next() : null;
            }
            BigDecimal equity = position == null ? cash : cash.add(position.quantity().multiply(candle.close()));
            long time = candle.openTime() + timeframe.millis();
            if (equity.compareTo(peak) > 0) {
                peak = equity;
                peakTime = time;
            }
            BigDecimal fall = peak.subtract(equity);
            BigDecimal percent = Metrics.percent(fall, peak);
            points.add(new EquityPoint(time, equity, percent));
            if (fall.signum() > 0 && (deepest == null || percent.compareTo(deepest.percent()) > 0)) {
                deepest = new Drawdown(percent, fall, peak, peakTime, time);
            }
        }
        if (next != null) {
            throw new IllegalArgumentException("fill " + next + " is not on a candle");
        }
    }
}
