package dev.tradingbatch.jobs.verify;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.StoredCandle;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One series' stored candles over a window, oldest first, as the integers they are stored as (one price scale for the
 * whole series): what the checks of {@code verify} read, held as primitive arrays so a window of 100,000 candles costs
 * a few megabytes.
 */
final class SeriesCandles {

    final MarketKey market;
    private int size;
    private long[] openTime = new long[1024];
    private long[] open = new long[1024];
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private long[] close = new long[1024];
    private long[] volume = new long[1024];
    private int priceScale;

    SeriesCandles(MarketKey market) {
        this.market = market;
    }

    void add(StoredCandle c) {
        if (size == openTime.length) {
            int grown = size * 2;
            openTime = Arrays.copyOf(openTime, grown);
            open = Arrays.copyOf(open, grown);
            high = Arrays.copyOf(high, grown);
            low = Arrays.copyOf(low, grown);
            close = Arrays.copyOf(close, grown);
            volume = Arrays.copyOf(volume, grown);
        }
        priceScale = c.priceScale();
        openTime[size] = c.openTime();
        open[size] = c.open();
        high[size] = c.high();
        low[size] = c.low();
        close[size] = c.close();
        volume[size] = c.volume();
        size++;
    }

    int size() {
        return size;
    }

    long openTime(int i) {
        return openTime[i];
    }

    long open(int i) {
        return open[i];
    }

    long close(int i) {
        return close[i];
    }

    /** High minus low, in units of the series' price scale. */
    long range(int i) {
        return high[i] - low[i];
    }

    boolean flat(int i) {
        return high[i] == low[i] && open[i] == close[i];
    }

    boolean noVolume(int i) {
        return volume[i] == 0;
    }

    /** The exact close, as the exchange sent it. */
    BigDecimal closeDecimal(int i) {
        return BigDecimal.valueOf(close[i], priceScale);
    }

    double closeValue(int i) {
        return closeDecimal(i).doubleValue();
    }

    /** The first index whose open time is at or after {@code time} ({@link #size()} when none is). */
    int indexAtOrAfter(long time) {
        int found = Arrays.binarySearch(openTime, 0, size, time);
        return found >= 0 ? found : -found - 1;
    }
}
