package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.metrics.CandleCloses;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The evaluated candles of a replay as the metrics need them (open time and close), kept compactly:
 * a million candles hold three arrays, not a million candle objects.
 */
final class CloseSeries implements CandleCloses, Consumer<StoredCandle> {

    private long[] times = new long[1024];
    /** Closes as stored: {@code close * 10^scale}. */
    private long[] closes = new long[1024];
    private int[] scales = new int[1024];
    private int size;

    @Override
    public void accept(StoredCandle c) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            closes = Arrays.copyOf(closes, size * 2);
            scales = Arrays.copyOf(scales, size * 2);
        }
        times[size] = c.openTime();
        closes[size] = c.close();
        scales[size] = c.priceScale();
        size++;
    }

    @Override
    public long openTime(int index) {
        return times[checked(index)];
    }

    @Override
    public BigDecimal close(int index) {
        return BigDecimal.valueOf(closes[checked(index)], scales[index]);
    }

    @Override
    public long unscaledClose(int index) {
        return closes[checked(index)];
    }

    @Override
    public int closeScale(int index) {
        return scales[checked(index)];
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    @Override
    public int size() {
        return size;
    }
}
