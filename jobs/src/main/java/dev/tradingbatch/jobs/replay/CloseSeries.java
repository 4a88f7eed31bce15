package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.Candle;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * The evaluated candles of a replay as the metrics need them (open time and close), kept compactly:
 * a million candles hold two arrays, not a million candle objects.
 */
final class CloseSeries extends AbstractList<Candle> implements RandomAccess, Consumer<Candle> {

    private long[] times = new long[1024];
    private BigDecimal[] closes = new BigDecimal[1024];
    private int size;

    @Override
    public void accept(Candle c) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            closes = Arrays.copyOf(closes, size * 2);
        }
        times[size] = c.openTime();
        closes[size] = c.close();
        size++;
    }

    /** A candle carrying only its open time and close (the other values are the close, volume zero). */
    @Override
    public Candle get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        BigDecimal close = closes[index];
        return new Candle(times[index], close, close, close, close, BigDecimal.ZERO);
    }

    @Override
    public int size() {
        return size;
    }
}
