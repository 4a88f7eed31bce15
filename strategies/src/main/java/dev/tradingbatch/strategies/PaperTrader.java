package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.SharedIndicators;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.ta4j.core.Bar;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Indicator;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;

/**
 * Paper trading of one strategy on one market, candle by candle: the single code path of live evaluation and replay.
 * It owns a series that grows one closed candle at a time, the ta4j strategy and its trading record; a signal on a
 * candle fills at that candle's close through the {@link FillModel}, or is skipped when the market's rules would
 * refuse the order (then the signal is heard by the trader's skip listener, and the next candle may signal again).
 * Long only, one position at a time.
 *
 * <p>Feed candles in strictly increasing open time: {@link #warmUp} adds history without evaluating it,
 * {@link #onCandle} adds a candle and evaluates it. A restarted live trader resumes a position opened earlier with
 * {@link #restoreOpenPosition}; its entry candle must be among the candles fed, so load history starting at or before
 * it. Given the same candles from the same first one, the fills are the same whether one trader sees them all or a
 * new trader is rebuilt for each candle from history and the open position.
 *
 * <p>The series keeps a window of recent bars (at least twice the warm-up, and every bar since an open position's
 * entry) and drops older ones in chunks; every indicator is computed on every bar added, so no value is ever derived
 * from a dropped bar. A stored candle becomes a bar only once something reads the series ({@link DeferredBarSeries}):
 * never, for a sweep's set whose indicators and rules are all shared. Not thread-safe.
 */
public final class PaperTrader {

    private static final int MINIMUM_WINDOW = 2048;

    private final StrategySpec spec;
    private final Duration period;
    private final FillModel fillModel;
    /** Hears every buy signal the fill model turned down (below the market's minimums). */
    private final Consumer<SkippedOrder> skips;
    private final DeferredBarSeries series;
    private final Strategy strategy;
    private final Indicator<?>[] indicators;
    /** The indicators computed on every bar added: all but those read back from an {@link IndicatorCache}. */
    private final Indicator<?>[] computed;
    private final TradingRecord record = new BaseTradingRecord();
    private final int window;

    private long lastOpenTime = Long.MIN_VALUE;
    /** The open position: entered in the record, or restored and waiting for its entry candle. */
    private Fill position;
    private boolean awaitingEntryCandle;
    /** The candle {@link #onCandleAhead} added last and has not evaluated yet. */
    private StoredCandle ahead;

    public PaperTrader(StrategySpec spec, Timeframe timeframe, FillModel fillModel) {
        this(spec, timeframe, fillModel, skipped -> {
        });
    }

    /** A trader that hands each buy signal the fill model turns down, with its reason, to {@code skips}. */
    public PaperTrader(StrategySpec spec, Timeframe timeframe, FillModel fillModel, Consumer<SkippedOrder> skips) {
        this(spec, timeframe, fillModel, skips, SharedIndicators.NONE);
    }

    /**
     * A trader whose strategy takes the indicators its type shares from {@code shared} (a sweep's, computed once
     * over the candles this trader is fed); the same fills as without.
     */
    public PaperTrader(StrategySpec spec, Timeframe timeframe, FillModel fillModel, Consumer<SkippedOrder> skips,
                       SharedIndicators shared) {
        this.spec = spec;
        this.skips = skips;
        this.period = Duration.ofMillis(timeframe.millis());
        this.fillModel = fillModel;
        this.window = Math.max(2 * spec.warmUpBars(), MINIMUM_WINDOW);
        // The indicators size their caches from the series' maximum at construction: two windows, as many bars as
        // the series holds before it drops a chunk. Then the series itself is unlimited and trim() drops bars.
        // Stored candles become bars only when something reads them (DeferredBarSeries): a sweep's set whose
        // indicators and rules are all shared reads none
        this.series = new DeferredBarSeries(CandleBars.series(spec.type().code(), 2 * window), period);
        ComposedStrategy composed = spec.compose(series, shared);
        this.series.setMaximumBarCount(Integer.MAX_VALUE);
        this.strategy = composed.strategy();
        this.indicators = composed.indicators().toArray(Indicator<?>[]::new);
        this.computed = composed.indicators().stream().filter(i -> !IndicatorCache.isShared(i))
                .toArray(Indicator<?>[]::new);
    }

    /** Adds a candle of history without evaluating it. */
    public void warmUp(Candle candle) {
        requireNothingAhead();
        settle(add(candle.openTime(), CandleBars.bar(candle, period)), candle.openTime());
    }

    /**
     * {@link #warmUp(Candle)} for a candle as stored: the same bar (the same doubles), without building
     * the exact decimals.
     */
    public void warmUp(StoredCandle candle) {
        requireNothingAhead();
        settle(add(candle), candle.openTime());
    }

    /** Adds a candle and evaluates it: a BUY when flat and the entry rule holds, a SELL when the exit rule does. */
    public Optional<Fill> onCandle(Candle candle) {
        requireNothingAhead();
        if (awaitingEntryCandle && candle.openTime() < position.candleTime()) {
            throw new IllegalStateException("candle " + time(candle.openTime())
                    + " comes before the entry candle " + time(position.candleTime()) + " of the restored position");
        }
        int index = add(candle.openTime(), CandleBars.bar(candle, period));
        settle(index, candle.openTime());
        return decide(index, candle.openTime(), candle.close(), null);
    }

    /**
     * Replay, one candle behind: adds {@code candle} and evaluates the candle added before it (if any), whose
     * fill it returns; {@link #finishAhead} evaluates the last one. The fills are the ones {@link #onCandle} gives
     * for the same candles (every indicator and rule looks at bars up to the index it is asked about), at half
     * the indicator work: ta4j computes a value on the series' last bar apart from its cache, and computes it
     * again once the bar is no longer last; here no evaluated bar is the last one. The exact close is built only
     * for a fill. Not with a restored position.
     */
    public Optional<Fill> onCandleAhead(StoredCandle candle) {
        if (awaitingEntryCandle) {
            throw new IllegalStateException("a restored position waits for its entry candle: use onCandle");
        }
        int index = add(candle);
        StoredCandle due = ahead;
        ahead = candle;
        if (due == null) {
            return Optional.empty();
        }
        computeIndicators(index - 1);
        trim();
        return decide(index - 1, due.openTime(), null, due);
    }

    /** Evaluates the candle {@link #onCandleAhead} added last, if it has not been evaluated yet. */
    public Optional<Fill> finishAhead() {
        StoredCandle due = ahead;
        if (due == null) {
            return Optional.empty();
        }
        ahead = null;
        int index = series.lastIndex();
        computeIndicators(index);
        trim();
        return decide(index, due.openTime(), null, due);
    }

    /** The fill on the candle at {@code index}; its close is {@code close}, or when that is null {@code stored}'s. */
    private Optional<Fill> decide(int index, long openTime, BigDecimal close, StoredCandle stored) {
        if (position == null) {
            if (strategy.shouldEnter(index, record)) {
                FillModel.Order order = fillModel.order(openTime, close != null ? close : stored.closeDecimal());
                order.fill().ifPresent(fill -> enter(index, fill));
                order.skipped().ifPresent(skips);
                return order.fill();
            }
        } else if (record.getCurrentPosition().getEntry().getIndex() < index
                && strategy.shouldExit(index, record)) {
            Fill sell = fillModel.sell(openTime, close != null ? close : stored.closeDecimal(), position);
            record.exit(index, num(sell.price()), num(sell.quantity()));
            position = null;
            return Optional.of(sell);
        }
        return Optional.empty();
    }

    private void requireNothingAhead() {
        if (ahead != null) {
            throw new IllegalStateException("the candle at " + time(ahead.openTime())
                    + " added by onCandleAhead is not evaluated yet: call finishAhead first");
        }
    }

    /** {@link #onCandle} for each candle in order, every fill handed to {@code fills}: the replay loop. */
    public void onCandles(Iterable<Candle> candles, Consumer<? super Fill> fills) {
        for (Candle candle : candles) {
            onCandle(candle).ifPresent(fills);
        }
    }

    /**
     * Resumes holding {@code buy}, a position opened earlier, so that its exits (stop-loss, take-profit, trailing
     * stop included) apply to the next candles. Either before the history is fed, and the position is entered when
     * its entry candle arrives, or after, and its entry candle must still be in the series.
     */
    public void restoreOpenPosition(Fill buy) {
        requireNothingAhead();
        if (buy.side() != Side.BUY) {
            throw new IllegalArgumentException("only a BUY can be restored as the open position, got " + buy);
        }
        if (position != null) {
            throw new IllegalStateException("a position is already open: " + position);
        }
        if (series.isEmpty() || buy.candleTime() > lastOpenTime) {
            position = buy;
            awaitingEntryCandle = true;
            return;
        }
        int index = indexOf(buy.candleTime());
        if (index < 0) {
            throw new IllegalArgumentException("the entry candle " + time(buy.candleTime())
                    + " of the open position is not among the candles held (" + time(openTime(series.getBeginIndex()))
                    + " to " + time(lastOpenTime) + "): load history starting at or before it, "
                    + "or restore the position before feeding history");
        }
        enter(index, buy);
    }

    /** The open position's BUY, if any. */
    public Optional<Fill> openPosition() {
        return Optional.ofNullable(position);
    }

    public StrategySpec spec() {
        return spec;
    }

    /**
     * The values the strategy's indicators have on the candle opened at {@code openTime}, as it reads them now, by
     * indicator ({@code toString()}, numbered when two read alike): what {@code check} compares between a replay and
     * candle-by-candle evaluation. Empty when the candle is not held.
     */
    public Map<String, String> indicatorValues(long openTime) {
        Map<String, String> values = new LinkedHashMap<>();
        int index = indexOf(openTime);
        if (index < 0) {
            return values;
        }
        for (Indicator<?> indicator : indicators) {
            String name = indicator.toString();
            String key = name;
            for (int n = 2; values.containsKey(key); n++) {
                key = name + " #" + n;
            }
            values.put(key, String.valueOf(indicator.getValue(index)));
        }
        return values;
    }

    /** Candles of history to {@link #warmUp} before the first candle that can produce a fill. */
    public int warmUpBars() {
        return spec.warmUpBars();
    }

    /** After adding the bar at {@code index}: its indicators computed, a restored position entered, the series trimmed. */
    private void settle(int index, long openTime) {
        computeIndicators(index);
        if (awaitingEntryCandle) {
            if (openTime == position.candleTime()) {
                awaitingEntryCandle = false;
                enter(index, position);
            } else if (openTime > position.candleTime()) {
                throw new IllegalStateException("the entry candle " + time(position.candleTime())
                        + " of the restored position is not among the candles: the next one opens at "
                        + time(openTime));
            }
        }
        trim();
    }

    /** Adds the bar to the series; its index. */
    private int add(long openTime, Bar bar) {
        requireAfterLast(openTime);
        series.addBar(bar);
        lastOpenTime = openTime;
        return series.lastIndex();
    }

    /** Adds the stored candle to the series, its bar built when something reads it; its index. */
    private int add(StoredCandle candle) {
        requireAfterLast(candle.openTime());
        series.defer(candle);
        lastOpenTime = candle.openTime();
        return series.lastIndex();
    }

    private void requireAfterLast(long openTime) {
        if (openTime <= lastOpenTime) {
            throw new IllegalArgumentException("candle " + time(openTime)
                    + " does not open after the previous candle " + time(lastOpenTime)
                    + ": candles must come in strictly increasing open time");
        }
    }

    private void computeIndicators(int index) {
        for (Indicator<?> indicator : computed) {
            indicator.getValue(index);
        }
    }

    private void enter(int index, Fill buy) {
        record.enter(index, num(buy.price()), num(buy.quantity()));
        position = buy;
    }

    /** Once two windows of bars are held, drops all but the last window, keeping an open position's entry bar. */
    private void trim() {
        int count = series.heldCount();
        if (count < 2 * window) {
            return;
        }
        int last = series.lastIndex();
        int first = last - window + 1;
        if (position != null && !awaitingEntryCandle) {
            first = Math.min(first, record.getCurrentPosition().getEntry().getIndex());
        }
        int keep = last - first + 1;
        if (keep < count) {
            series.keepLast(keep);
        }
    }

    /** Index of the bar opened at {@code openTime}, or -1. */
    private int indexOf(long openTime) {
        int low = series.getBeginIndex();
        int high = series.getEndIndex();
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long time = openTime(middle);
            if (time < openTime) {
                low = middle + 1;
            } else if (time > openTime) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private long openTime(int index) {
        return series.getBar(index).getBeginTime().toEpochMilli();
    }

    private static Num num(BigDecimal value) {
        return CandleBars.num(value);
    }

    private static Instant time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
