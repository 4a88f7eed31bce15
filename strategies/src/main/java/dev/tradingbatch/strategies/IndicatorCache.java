package dev.tradingbatch.strategies;

import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategy.api.SharedIndicators;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;

/**
 * The indicators the strategies of a sweep share ({@link SharedIndicators}), each computed once over the sweep's
 * candles: by key and first candle, the values an indicator takes on a series fed the candles from that one on, kept
 * as doubles (8 bytes a candle, not a ta4j number per bar) and read back by every strategy fed the same candles from
 * the same one. The values are computed as a {@link PaperTrader} computes them (each bar's after the next bar is
 * added, on a window of recent bars), so a strategy reads exactly what its own indicator would give.
 *
 * <p>Bounded: at most {@code maxValues} doubles are held, the least recently used indicator dropped first (and
 * computed again if asked for again); an indicator whose values alone would pass the bound, or that gives numbers
 * other than {@link ScaleFreeNum}s, is not shared: each strategy computes it on its own series, as without a cache.
 * Thread-safe: the partitions of a sweep share one; a strategy asking while another computes the same key waits.
 */
public final class IndicatorCache {

    /** Bars of the series the values are computed on: as many as a {@link PaperTrader} keeps at least. */
    private static final int WINDOW = 4096;
    /** How a value that is ta4j's {@link NaN} is kept: a quiet NaN of a payload no arithmetic gives. */
    private static final long TA4J_NAN = 0x7ff8_0000_7a4a_0001L;
    /** The values of a key that is not shared. */
    private static final double[] NOT_SHARED = new double[0];

    private final List<StoredCandle> candles;
    private final Duration period;
    private final long maxValues;
    /** Least recently used first. */
    private final Map<Key, CompletableFuture<double[]>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    /** What identifies a shared indicator's values: its key and the index of the first candle its series holds. */
    private record Key(String key, int first) {
    }

    /** A cache over {@code candles} (oldest first, each once) of {@code timeframe}, of at most {@code maxValues}. */
    public IndicatorCache(List<StoredCandle> candles, Timeframe timeframe, long maxValues) {
        this.candles = candles;
        this.period = Duration.ofMillis(timeframe.millis());
        this.maxValues = maxValues;
    }

    /** The bound a sweep uses: doubles that take an eighth of the heap's maximum. */
    public static long defaultBound() {
        return Runtime.getRuntime().maxMemory() / 8 / Double.BYTES;
    }

    /**
     * What a strategy fed the candles from index {@code first} on, in order and each once (its series' bar 0 is
     * candle {@code first}), shares.
     */
    public SharedIndicators from(int first) {
        if (first < 0 || first > candles.size()) {
            throw new IndexOutOfBoundsException(first);
        }
        return (series, key, indicator) -> {
            Indicator<Num> own = indicator.apply(series);
            double[] values = values(new Key(key, first), indicator);
            return values == NOT_SHARED ? own : new Values(own, values);
        };
    }

    /** Doubles held now (the values of every indicator kept). */
    public synchronized long held() {
        return held;
    }

    private double[] values(Key key, Function<BarSeries, Indicator<Num>> indicator) {
        long size = candles.size() - key.first();
        if (size > maxValues) {
            return NOT_SHARED;
        }
        CompletableFuture<double[]> mine = new CompletableFuture<>();
        CompletableFuture<double[]> theirs;
        synchronized (this) {
            theirs = entries.get(key);
            if (theirs == null) {
                entries.put(key, mine);
                held += size;
                evictBeyondBound(key);
            }
        }
        if (theirs != null) {
            return theirs.join();
        }
        try {
            mine.complete(compute(key.first(), indicator));
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (entries.remove(key, mine)) {
                    held -= size;
                }
            }
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Drops the least recently used indicators, never {@code kept}, until the bound holds. */
    private void evictBeyondBound(Key kept) {
        Iterator<Key> eldest = entries.keySet().iterator();
        while (held > maxValues && eldest.hasNext()) {
            Key key = eldest.next();
            if (!key.equals(kept)) {
                eldest.remove();
                held -= candles.size() - key.first();
            }
        }
    }

    /**
     * The indicator's value on every bar of a series fed the candles from {@code first} on, each computed once the
     * next bar is added (the last one at the end), as {@link PaperTrader#onCandleAhead} does.
     */
    private double[] compute(int first, Function<BarSeries, Indicator<Num>> build) {
        BarSeries series = CandleBars.series("shared", WINDOW);
        Indicator<Num> indicator = build.apply(series);
        double[] values = new double[candles.size() - first];
        for (int i = 0; i < values.length; i++) {
            series.addBar(CandleBars.bar(candles.get(first + i), period));
            if (i > 0 && !encode(indicator.getValue(i - 1), values, i - 1)) {
                return NOT_SHARED;
            }
        }
        if (values.length > 0 && !encode(indicator.getValue(values.length - 1), values, values.length - 1)) {
            return NOT_SHARED;
        }
        return values;
    }

    /** Keeps {@code value} at {@code index}; false when it is not a number kept exactly as a double. */
    private static boolean encode(Num value, double[] values, int index) {
        if (value instanceof ScaleFreeNum n) {
            values[index] = n.doubleValue();
            return true;
        }
        if (value instanceof NaN) {
            values[index] = Double.longBitsToDouble(TA4J_NAN);
            return true;
        }
        return false;
    }

    private static Num decode(double value) {
        return Double.doubleToRawLongBits(value) == TA4J_NAN ? NaN.NaN : ScaleFreeNum.of(value);
    }

    /** The strategy's own indicator, its values read from the cache. */
    private static final class Values implements Indicator<Num> {

        private final Indicator<Num> own;
        private final double[] values;
        /** Asked for on every rule's evaluation: read once. */
        private final int unstableBars;

        Values(Indicator<Num> own, double[] values) {
            this.own = own;
            this.values = values;
            this.unstableBars = own.getCountOfUnstableBars();
        }

        @Override
        public Num getValue(int index) {
            return decode(values[index]);
        }

        @Override
        public int getCountOfUnstableBars() {
            return unstableBars;
        }

        @Override
        public BarSeries getBarSeries() {
            return own.getBarSeries();
        }

        @Override
        public String toString() {
            return own.toString();
        }
    }
}
