package dev.tradingbatch.strategies.metrics.before;

import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Drawdown;
import dev.tradingbatch.strategies.metrics.EquityPoint;

import dev.tradingbatch.db.Candle;
import dev.tradingbatch.db.Timeframe;
import dev.tradingbatch.strategies.Fill;
import dev.tradingbatch.strategies.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The account of a backtest candle by candle, as the package description defines it: the fills applied at their
 * candles' closes, the equity at each close, its drawdown from the running peak and the deepest one.
 */
final class EquityCurve {

    private final long period;
    private final List<EquityPoint> points = new ArrayList<>();
    private final List<Fill> sells = new ArrayList<>();
    private BigDecimal cash;
    /** The open position's BUY, null when flat. */
    private Fill position;
    private int heldCandles;
    private BigDecimal peak;
    private long peakTime;
    private Drawdown deepest;
    /** The last percent computed by division, and the equity and peak (the same objects) it was computed for. */
    private BigDecimal lastEquity;
    private BigDecimal lastPeak;
    private BigDecimal lastPercent;

    /** What {@link Metrics#percent} gives for no fall: zero at its scale. */
    private static final BigDecimal ZERO_PERCENT = BigDecimal.valueOf(0, Metrics.SCALE);

    /** Walks {@code candles} (increasing open time) applying {@code fills}, each on the candle it names. */
    EquityCurve(List<Candle> candles, List<Fill> fills, BigDecimal stake, Timeframe timeframe) {
        if (candles.isEmpty()) {
            throw new IllegalArgumentException("no candles: metrics need at least one evaluated candle");
        }
        requireIncreasingTimes(fills);
        this.period = timeframe.millis();
        this.cash = stake;
        this.peak = stake;
        this.peakTime = candles.getFirst().openTime();
        Iterator<Fill> remaining = fills.iterator();
        Fill next = remaining.hasNext() ? remaining.next() : null;
        long previous = Long.MIN_VALUE;
        for (Candle candle : candles) {
            if (candle.openTime() <= previous) {
                throw new IllegalArgumentException("candle " + time(candle.openTime())
                        + " does not open after the previous candle " + time(previous)
                        + ": candles must come in strictly increasing open time");
            }
            if (next != null && next.candleTime() < candle.openTime()) {
                throw notOnACandle(next, candles);
            }
            // held during this candle: its price move changes the equity
            if (position != null) {
                heldCandles++;
            }
            if (next != null && next.candleTime() == candle.openTime()) {
                apply(next);
                next = remaining.hasNext() ? remaining.next() : null;
            }
            mark(candle);
            previous = candle.openTime();
        }
        if (next != null) {
            throw notOnACandle(next, candles);
        }
    }

    /** The equity at every candle's close, in candle order. */
    List<EquityPoint> points() {
        return points;
    }

    /** The SELLs, one per closed round trip, in order. */
    List<Fill> sells() {
        return sells;
    }

    /** The BUY still open after the last candle. */
    Optional<Fill> openPosition() {
        return Optional.ofNullable(position);
    }

    /** Candles during which a position was held: from the one after a BUY's candle to its SELL's candle included. */
    int heldCandles() {
        return heldCandles;
    }

    /** The deepest drawdown by percent (the first of equal ones); empty when equity never fell below a peak. */
    Optional<Drawdown> deepest() {
        return Optional.ofNullable(deepest);
    }

    BigDecimal finalEquity() {
        return points.getLast().equity();
    }

    private void apply(Fill fill) {
        if (fill.side() == Side.BUY) {
            if (position != null) {
                throw new IllegalArgumentException("BUY " + fill + " while " + position
                        + " is open: fills must alternate BUY, SELL, starting with a BUY");
            }
            cash = cash.subtract(fill.net());
            position = fill;
        } else {
            if (position == null) {
                throw new IllegalArgumentException("SELL " + fill
                        + " without an open position: fills must alternate BUY, SELL, starting with a BUY");
            }
            if (fill.quantity().compareTo(position.quantity()) != 0) {
                throw new IllegalArgumentException("SELL " + fill + " does not sell the quantity of " + position);
            }
            // the BUY's cost back plus the pnl: realised equity is the stake plus the sum of pnl, exactly
            cash = cash.add(position.net()).add(fill.pnl());
            sells.add(fill);
            position = null;
        }
    }

    private void mark(Candle candle) {
        BigDecimal equity = position == null ? cash : cash.add(position.quantity().multiply(candle.close()));
        long time = candle.openTime() + period;
        if (equity.compareTo(peak) > 0) {
            peak = equity;
            peakTime = time;
        }
        BigDecimal fall = peak.subtract(equity);
        BigDecimal percent = percent(fall, equity);
        points.add(new EquityPoint(time, equity, percent));
        if (fall.signum() > 0 && (deepest == null || percent.compareTo(deepest.percent()) > 0)) {
            deepest = new Drawdown(percent, fall, peak, peakTime, time);
        }
    }

    /**
     * {@link Metrics#percent}{@code (fall, peak)}, the same value and scale, without its division where the
     * answer is known: no fall (every candle that sets a peak), and the candles of a flat stretch, whose
     * equity and peak stay the ones of the candle before (most candles of a replay, a million divisions saved).
     */
    private BigDecimal percent(BigDecimal fall, BigDecimal equity) {
        if (fall.signum() == 0) {
            return ZERO_PERCENT;
        }
        if (equity == lastEquity && peak == lastPeak) {
            return lastPercent;
        }
        lastEquity = equity;
        lastPeak = peak;
        lastPercent = Metrics.percent(fall, peak);
        return lastPercent;
    }

    private static void requireIncreasingTimes(List<Fill> fills) {
        for (int i = 1; i < fills.size(); i++) {
            if (fills.get(i).candleTime() <= fills.get(i - 1).candleTime()) {
                throw new IllegalArgumentException("fill " + fills.get(i) + " does not come after " + fills.get(i - 1)
                        + ": fills must come in strictly increasing candle time");
            }
        }
    }

    private static IllegalArgumentException notOnACandle(Fill fill, List<Candle> candles) {
        return new IllegalArgumentException("fill " + fill + " is not on an evaluated candle (" + candles.size()
                + " candles from " + time(candles.getFirst().openTime()) + " to " + time(candles.getLast().openTime())
                + "): a fill's candle time must be the open time of one of them");
    }

    private static Instant time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
