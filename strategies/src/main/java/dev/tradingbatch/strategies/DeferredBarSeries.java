package dev.tradingbatch.strategies;

import dev.tradingbatch.model.StoredCandle;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.ta4j.core.Bar;
import org.ta4j.core.BarBuilder;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

/**
 * A {@link PaperTrader}'s series, whose stored candles become bars only when something reads the series. A strategy
 * whose indicators and rules are all shared ({@code IndicatorCache}: read from arrays by index) never reads it, so a
 * sweep's sets do not each build a bar and add it to a series for every candle; a strategy that reads it sees, at
 * every read, the bars a series fed each candle at once would hold, at the same indices: pending candles are added
 * first. Candles dropped by {@link #keepLast} before any was added are only counted, as removed bars are.
 *
 * <p>Not thread-safe, as a trader's series is not.
 */
final class DeferredBarSeries implements BarSeries {

    @Serial
    private static final long serialVersionUID = 1L;

    private final BarSeries bars;
    private final Duration period;
    /** Candles not added to {@link #bars} yet, oldest first. */
    private final ArrayDeque<StoredCandle> pending = new ArrayDeque<>();
    /** Candles dropped while {@link #bars} was still empty: its indices are this many below the series'. */
    private int offset;

    /** The series of {@code bars} (empty), each candle a bar {@code period} long. */
    DeferredBarSeries(BarSeries bars, Duration period) {
        if (!bars.isEmpty()) {
            throw new IllegalArgumentException("the series must start empty");
        }
        this.bars = bars;
        this.period = period;
    }

    /** Adds the candle's bar, built when something reads the series. */
    void defer(StoredCandle candle) {
        pending.addLast(candle);
    }

    /** The index of the last bar, pending ones included, without adding them; -1 when empty. */
    int lastIndex() {
        return (bars.isEmpty() ? offset - 1 : bars.getEndIndex() + offset) + pending.size();
    }

    /** Bars held, pending ones included, without adding them. */
    int heldCount() {
        return bars.getBarCount() + pending.size();
    }

    /**
     * Drops all but the last {@code keep} bars, as {@code setMaximumBarCount(keep)} does (and then lifts the maximum):
     * pending candles that would be dropped before any bar was added are not built at all.
     */
    void keepLast(int keep) {
        if (bars.isEmpty()) {
            while (pending.size() > keep) {
                pending.removeFirst();
                offset++;
            }
            return;
        }
        flush();
        bars.setMaximumBarCount(keep);
        bars.setMaximumBarCount(Integer.MAX_VALUE);
    }

    private void flush() {
        while (!pending.isEmpty()) {
            bars.addBar(CandleBars.bar(pending.removeFirst(), period));
        }
    }

    /** The index in {@link #bars} of the series' index {@code index}: below its first held bar still below it. */
    private int inner(int index) {
        return index < 0 ? index : Math.max(0, index - offset);
    }

    @Override
    public NumFactory numFactory() {
        return bars.numFactory();
    }

    @Override
    public BarBuilder barBuilder() {
        flush();
        return bars.barBuilder();
    }

    @Override
    public String getName() {
        return bars.getName();
    }

    @Override
    public Bar getBar(int i) {
        flush();
        return bars.getBar(inner(i));
    }

    @Override
    public int getBarCount() {
        flush();
        return bars.getBarCount();
    }

    @Override
    public List<Bar> getBarData() {
        flush();
        return bars.getBarData();
    }

    @Override
    public int getBeginIndex() {
        flush();
        return bars.isEmpty() ? bars.getBeginIndex() : bars.getBeginIndex() + offset;
    }

    @Override
    public int getEndIndex() {
        flush();
        return bars.isEmpty() ? bars.getEndIndex() : bars.getEndIndex() + offset;
    }

    @Override
    public int getMaximumBarCount() {
        return bars.getMaximumBarCount();
    }

    @Override
    public void setMaximumBarCount(int maximumBarCount) {
        flush();
        bars.setMaximumBarCount(maximumBarCount);
    }

    @Override
    public int getRemovedBarsCount() {
        flush();
        return bars.getRemovedBarsCount() + offset;
    }

    @Override
    public void addBar(Bar bar, boolean replace) {
        flush();
        bars.addBar(bar, replace);
    }

    @Override
    public void addTrade(Num tradeVolume, Num tradePrice) {
        flush();
        bars.addTrade(tradeVolume, tradePrice);
    }

    @Override
    public void addPrice(Num price) {
        flush();
        bars.addPrice(price);
    }

    @Override
    public BarSeries getSubSeries(int startIndex, int endIndex) {
        flush();
        return bars.getSubSeries(inner(startIndex), inner(endIndex));
    }
}
