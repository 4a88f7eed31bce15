package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The account of a backtest candle by candle, as the package description defines it: the fills applied at their
 * candles' closes, the equity at each close, its drawdown from the running peak and the deepest one, and the
 * per-candle returns of {@link ReturnRatios}.
 *
 * <p>Without the points (a replay's summary) the equity of a held position is computed on longs at its scale (where
 * they hold it exactly; {@link ScaledLongs}), and no percent is computed for a candle that cannot deepen the deepest
 * drawdown, which a double comparison with a proven margin decides ({@link #mayDeepen}); every figure is the same
 * exact value either way.
 */
final class EquityCurve {

    /**
     * Relative margin of the double comparisons of falls ({@link #mayDeepen}, {@link #markHeld}): far above the
     * rounding error of the doubles compared (at most seven roundings of 2^-53 each, under 1e-15), far below any
     * difference that matters.
     */
    private static final double MARGIN = 1e-12;

    private final long period;
    /** The equity and drawdown at every close; null when not kept. */
    private final List<EquityPoint> points;
    private final List<Fill> sells = new ArrayList<>();
    /** The per-candle returns; null once a previous equity is zero or less, so that they are undefined. */
    private double[] returns;
    /** The equity at the last close; null while it is only {@link #equityUnscaled} at {@link #equityScale}. */
    private BigDecimal previousEquity;
    private long equityUnscaled;
    private int equityScale;
    /** The equity of the open position on longs; null when flat. */
    private HeldEquity held;
    /** The peak after the last close marked by {@link #mark}. */
    private BigDecimal previousPeak;
    /** The peak as an unscaled long at {@link #peakScale}, for {@link #peak}; NONE where it does not fit. */
    private BigDecimal peakFor;
    private int peakScale;
    private long peakUnscaled;
    private BigDecimal cash;
    /** The open position's BUY, null when flat. */
    private Fill position;
    private int heldCandles;
    private BigDecimal peak;
    private long peakTime;
    private Drawdown deepest;
    /**
     * A fall (peak − equity) below this double cannot deepen the deepest drawdown: its percent of the peak, in
     * doubles, minus the margin. Recomputed when the peak or the deepest drawdown changes; -1 before the first.
     */
    private double deepeningFall = -1;
    /** The last percent computed by division, and the equity and peak (the same objects) it was computed for. */
    private BigDecimal lastEquity;
    private BigDecimal lastPeak;
    private BigDecimal lastPercent;

    /** What {@link Metrics#percent} gives for no fall: zero at its scale. */
    private static final BigDecimal ZERO_PERCENT = BigDecimal.valueOf(0, Metrics.SCALE);

    /**
     * Walks {@code candles} (increasing open time) applying {@code fills}, each on the candle it names; keeps the
     * equity and drawdown at every close when {@code keepPoints}.
     */
    EquityCurve(CandleCloses candles, List<Fill> fills, BigDecimal stake, Timeframe timeframe, boolean keepPoints) {
        int size = candles.size();
        if (size == 0) {
            throw new IllegalArgumentException("no candles: metrics need at least one evaluated candle");
        }
        requireIncreasingTimes(fills);
        this.period = timeframe.millis();
        this.points = keepPoints ? new ArrayList<>(size) : null;
        this.returns = new double[size];
        this.cash = stake;
        this.peak = stake;
        this.previousEquity = stake;
        this.peakTime = candles.openTime(0);
        Iterator<Fill> remaining = fills.iterator();
        Fill next = remaining.hasNext() ? remaining.next() : null;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long openTime = candles.openTime(i);
            if (openTime <= previous) {
                throw new IllegalArgumentException("candle " + time(openTime)
                        + " does not open after the previous candle " + time(previous)
                        + ": candles must come in strictly increasing open time");
            }
            if (next != null && next.candleTime() < openTime) {
                throw notOnACandle(next, candles);
            }
            // held during this candle: its price move changes the equity
            if (position != null) {
                heldCandles++;
            }
            if (next != null && next.candleTime() == openTime) {
                apply(next);
                next = remaining.hasNext() ? remaining.next() : null;
            }
            if (points == null && position != null) {
                markHeld(i, openTime, candles);
            } else {
                mark(i, openTime, position == null ? null : candles.close(i));
            }
            previous = openTime;
        }
        if (next != null) {
            throw notOnACandle(next, candles);
        }
    }

    /** The equity at every candle's close, in candle order; empty when not kept. */
    List<EquityPoint> points() {
        return points == null ? List.of() : points;
    }

    /**
     * The per-candle returns: the equity at a close over the one at the previous close (the stake before the first)
     * minus one, each the {@code double} of the quotient rounded to {@link MathContext#DECIMAL64}; null when a
     * previous equity is zero or less.
     */
    double[] returns() {
        return returns;
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
        return equity();
    }

    /** The equity at the last close marked. */
    private BigDecimal equity() {
        if (previousEquity == null) {
            previousEquity = BigDecimal.valueOf(equityUnscaled, equityScale);
        }
        return previousEquity;
    }

    private void apply(Fill fill) {
        if (fill.side() == Side.BUY) {
            if (position != null) {
                throw new IllegalArgumentException("BUY " + fill + " while " + position
                        + " is open: fills must alternate BUY, SELL, starting with a BUY");
            }
            cash = cash.subtract(fill.net());
            position = fill;
            held = new HeldEquity(cash, fill.quantity());
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
            held = null;
        }
    }

    /** The account at the close of candle {@code index}; {@code close} is its close, null when flat. */
    private void mark(int index, long openTime, BigDecimal close) {
        BigDecimal equity = close == null ? cash : cash.add(position.quantity().multiply(close));
        long time = openTime + period;
        // flat with the peak of the candle before, whose drawdown was checked: nothing can change but the return
        boolean unchanged = equity == previousEquity && peak == previousPeak;
        addReturn(index, equity);
        if (unchanged && points == null) {
            return;
        }
        int sinceTop = equity.compareTo(peak);
        if (sinceTop > 0) {
            peak = equity;
            peakTime = time;
            deepeningFall = deepest == null ? -1 : deepeningFall(deepest.percent());
        }
        previousPeak = peak;
        if (points != null) {
            BigDecimal fall = peak.subtract(equity);
            BigDecimal percent = percent(fall, equity);
            points.add(new EquityPoint(time, equity, percent));
            if (fall.signum() > 0 && (deepest == null || percent.compareTo(deepest.percent()) > 0)) {
                deepen(new Drawdown(percent, fall, peak, peakTime, time));
            }
        } else if (sinceTop < 0) {
            BigDecimal fall = peak.subtract(equity);
            if (mayDeepen(fall)) {
                BigDecimal percent = Metrics.percent(fall, peak);
                if (deepest == null || percent.compareTo(deepest.percent()) > 0) {
                    deepen(new Drawdown(percent, fall, peak, peakTime, time));
                }
            }
        }
    }

    /**
     * {@link #mark} of a held candle without the points, on longs: the equity ({@link HeldEquity}), its return, and
     * the peak and drawdown compared at its scale. Where a value does not fit a long, the candle is marked by
     * {@link #mark}.
     */
    private void markHeld(int index, long openTime, CandleCloses candles) {
        long equity = held.at(candles.unscaledClose(index), candles.closeScale(index));
        int scale = held.scale();
        long peakAtScale = peakAt(scale);
        if (equity == ScaledLongs.NONE || peakAtScale == ScaledLongs.NONE) {
            mark(index, openTime, candles.close(index));
            return;
        }
        long time = openTime + period;
        addReturn(index, equity, scale);
        if (equity > peakAtScale) {
            peak = equity();
            peakTime = time;
            deepeningFall = deepest == null ? -1 : deepeningFall(deepest.percent());
        } else if (equity < peakAtScale) {
            long fallUnscaled = ScaledLongs.subtract(peakAtScale, equity);
            double fall = fallUnscaled == ScaledLongs.NONE ? Double.NaN : ScaledLongs.toDouble(fallUnscaled, scale);
            // NaN (no long or no exact power of ten) compares false: checked exactly
            if (deepest == null || !(fall < deepeningFall)) {
                BigDecimal exactFall = peak.subtract(equity());
                BigDecimal percent = Metrics.percent(exactFall, peak);
                if (deepest == null || percent.compareTo(deepest.percent()) > 0) {
                    deepen(new Drawdown(percent, exactFall, peak, peakTime, time));
                }
            }
        }
    }

    /** The peak's unscaled value at {@code scale}; NONE where it has more decimals or does not fit. */
    private long peakAt(int scale) {
        if (peak != peakFor || scale != peakScale) {
            peakFor = peak;
            peakScale = scale;
            peakUnscaled = peak.scale() > scale ? ScaledLongs.NONE
                    : ScaledLongs.upscale(ScaledLongs.unscaled(peak), scale - peak.scale());
        }
        return peakUnscaled;
    }

    /**
     * {@link #addReturn(int, BigDecimal)} of an equity {@code unscaled × 10^-scale}: on longs when the previous
     * equity is one at the same scale. The quotient of the differences equals the quotient of the decimals, so its
     * {@link MathContext#DECIMAL64} rounding and double are the same.
     */
    private void addReturn(int index, long unscaled, int scale) {
        // returns == null: undefined once a previous equity was zero or less, nothing to compute
        if (returns != null && (previousEquity != null || equityScale != scale)) {
            addReturn(index, BigDecimal.valueOf(unscaled, scale));
        } else if (returns != null) {
            long previous = equityUnscaled;
            long difference = ScaledLongs.subtract(unscaled, previous);
            if (previous <= 0) {
                returns = null;
            } else if (difference == ScaledLongs.NONE) {
                returns[index] = BigDecimal.valueOf(unscaled).subtract(BigDecimal.valueOf(previous))
                        .divide(BigDecimal.valueOf(previous), MathContext.DECIMAL64).doubleValue();
            } else {
                returns[index] = difference == 0 ? 0
                        : BigDecimal.valueOf(difference).divide(BigDecimal.valueOf(previous), MathContext.DECIMAL64)
                                .doubleValue();
            }
        }
        previousEquity = null;
        equityUnscaled = unscaled;
        equityScale = scale;
    }

    private void addReturn(int index, BigDecimal equity) {
        BigDecimal previous = equity();
        previousEquity = equity;
        if (returns == null) {
            return;
        }
        if (previous.signum() <= 0) {
            returns = null;
            return;
        }
        // an unchanged equity (the same object: flat, no fill) returns exactly zero, as the division would
        returns[index] = equity == previous ? 0
                : equity.subtract(previous).divide(previous, MathContext.DECIMAL64).doubleValue();
    }

    private void deepen(Drawdown drawdown) {
        deepest = drawdown;
        deepeningFall = deepeningFall(drawdown.percent());
    }

    /**
     * Whether {@code fall} (positive) may be a deeper drawdown than the deepest: always before the first. A fall
     * deepens it only if {@code fall × 100 / peak > deepest}, that is {@code fall > deepest × peak / 100}, since a
     * percent at or below the deepest rounds (to the deepest's own scale) to at most the deepest. Each double
     * compared is within 1e-15 (relative) of its exact value, so a fall whose double is below the right side's
     * double less {@link #MARGIN} is below it exactly: no deeper drawdown, and no division needed.
     */
    private boolean mayDeepen(BigDecimal fall) {
        return deepest == null || fall.doubleValue() >= deepeningFall;
    }

    /**
     * The double below which a fall from the current peak cannot exceed {@code percent} (positive) of it; -1 (every
     * fall is checked exactly) where doubles lose their relative precision: infinite or below 1e-290.
     */
    private double deepeningFall(BigDecimal percent) {
        double fall = percent.doubleValue() * peak.doubleValue() / 100 * (1 - MARGIN);
        return fall >= 1e-290 && fall < Double.POSITIVE_INFINITY ? fall : -1;
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

    private static IllegalArgumentException notOnACandle(Fill fill, CandleCloses candles) {
        return new IllegalArgumentException("fill " + fill + " is not on an evaluated candle (" + candles.size()
                + " candles from " + time(candles.openTime(0)) + " to " + time(candles.openTime(candles.size() - 1))
                + "): a fill's candle time must be the open time of one of them");
    }

    private static Instant time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
