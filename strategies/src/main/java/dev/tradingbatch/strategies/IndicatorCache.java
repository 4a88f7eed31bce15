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
import java.util.function.Supplier;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * The indicators the strategies of a sweep share ({@link SharedIndicators}), each computed once over the sweep's
 * candles: by key and first candle, the values an indicator takes on a series fed the candles from that one on, kept
 * as doubles (8 bytes a candle, not a ta4j number per bar) and read back by every strategy fed the same candles from
 * the same one. The values are computed as a {@link PaperTrader} computes them (each bar's after the next bar is
 * added, on a window of recent bars), so a strategy reads exactly what its own indicator would give. Rules that read
 * only indicators ({@link SharedIndicators#rule}) are shared alike: by key and first candle, the bars where the rule
 * holds, one bit a candle, decided once over the shared indicators (the cross of an RSI through a threshold: 100
 * distinct entry rules in a grid of 1,000 sets, instead of one cross indicator per set caching a value per bar).
 *
 * <p>Bounded: at most {@code maxValues} doubles are held (a rule's bits counted as longs of 64), the least recently
 * used indicator or rule dropped first (and computed again if asked for again); an indicator whose values alone would
 * pass the bound, or that gives numbers other than {@link ScaleFreeNum}s, is not shared: each strategy computes it on
 * its own series, as without a cache (a rule alike). Thread-safe: the partitions of a sweep share one; a strategy asking while another computes the same key waits.
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
    private final Map<Key, CompletableFuture<Object>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    /**
     * What identifies a shared indicator's values or a shared rule's bars: its key, whether it is a rule, and the
     * index of the first candle its series holds.
     */
    private record Key(String key, boolean rule, int first) {
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
     * candle {@code first}), shares: indicators and rules.
     */
    public SharedIndicators from(int first) {
        if (first < 0 || first > candles.size()) {
            throw new IndexOutOfBoundsException(first);
        }
        return new From(first);
    }

    /**
     * Whether {@code indicator} reads its values back from a cache: computed over every candle already, so there is
     * nothing to compute bar by bar (a {@link PaperTrader} skips it).
     */
    static boolean isShared(Indicator<?> indicator) {
        return indicator instanceof Values;
    }

    /** Doubles held now (the values of every indicator kept, and the bars every rule holds on as 64 to a long). */
    public synchronized long held() {
        return held;
    }

    /** The values of an indicator, computed now unless another strategy did, or {@link #NOT_SHARED}. */
    private double[] values(Key key, Function<BarSeries, Indicator<Num>> indicator) {
        return (double[]) entry(key, () -> compute(key.first(), indicator));
    }

    /** The bars a rule holds on, 64 to a long, decided now unless another strategy did, or {@link #NOT_SHARED}. */
    private Object holds(Key key, SharedIndicators shared, Function<BarSeries, Rule> rule) {
        return entry(key, () -> decide(key.first(), shared, rule));
    }

    /** The entry of {@code key}, {@code compute}d and kept unless it is there (or being computed: then awaited). */
    private Object entry(Key key, Supplier<Object> compute) {
        long size = size(key);
        if (size > maxValues) {
            return NOT_SHARED;
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs;
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
            mine.complete(compute.get());
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

    /** Doubles (or longs) the entry of {@code key} holds. */
    private long size(Key key) {
        long bars = candles.size() - key.first();
        return key.rule() ? (bars + 63) / 64 : bars;
    }

    /** Drops the least recently used indicators, never {@code kept}, until the bound holds. */
    private void evictBeyondBound(Key kept) {
        Iterator<Key> eldest = entries.keySet().iterator();
        while (held > maxValues && eldest.hasNext()) {
            Key key = eldest.next();
            if (!key.equals(kept)) {
                eldest.remove();
                held -= size(key);
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

    /**
     * The bars of a series fed the candles from {@code first} on where the rule holds, as 64 to a long: each decided
     * once the next bar is added (the last one at the end), as {@link PaperTrader#onCandleAhead} asks, with no
     * trading record. The rule's indicators come from {@code shared}, computed over the same candles.
     */
    private long[] decide(int first, SharedIndicators shared, Function<BarSeries, Rule> build) {
        // As a PaperTrader holds its bars: the rule's cached parts sized for two windows, then the series unlimited
        // and trimmed to one window each time it holds two (a series at its maximum moves every bar on each add)
        BarSeries series = CandleBars.series("shared", 2 * WINDOW);
        Rule rule = build.apply(series);
        series.setMaximumBarCount(Integer.MAX_VALUE);
        int bars = candles.size() - first;
        long[] holds = new long[(bars + 63) / 64];
        for (int i = 0; i < bars; i++) {
            series.addBar(CandleBars.bar(candles.get(first + i), period));
            if (i > 0 && rule.isSatisfied(i - 1, null)) {
                holds[(i - 1) >>> 6] |= 1L << (i - 1);
            }
            if (series.getBarCount() >= 2 * WINDOW) {
                series.setMaximumBarCount(WINDOW);
                series.setMaximumBarCount(Integer.MAX_VALUE);
            }
        }
        if (bars > 0 && rule.isSatisfied(bars - 1, null)) {
            holds[(bars - 1) >>> 6] |= 1L << (bars - 1);
        }
        return holds;
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

    /** The indicators and rules of the strategies fed the candles from {@code first} on. */
    private final class From implements SharedIndicators {

        private final int first;

        From(int first) {
            this.first = first;
        }

        @Override
        public Indicator<Num> get(BarSeries series, String key, Function<BarSeries, Indicator<Num>> indicator) {
            Indicator<Num> own = indicator.apply(series);
            double[] values = values(new Key(key, false, first), indicator);
            return values == NOT_SHARED ? own : new Values(own, values);
        }

        @Override
        public Rule rule(BarSeries series, String key, Function<BarSeries, Rule> rule) {
            Object holds = holds(new Key(key, true, first), this, rule);
            return holds == NOT_SHARED ? rule.apply(series) : new Holds(key, (long[]) holds);
        }
    }

    /** A strategy's rule, whether it holds on a bar read from the cache. */
    private static final class Holds extends AbstractRule {

        private final String key;
        private final long[] holds;

        Holds(String key, long[] holds) {
            this.key = key;
            this.holds = holds;
        }

        @Override
        public boolean isSatisfied(int index, TradingRecord tradingRecord) {
            return (holds[index >>> 6] & (1L << index)) != 0;
        }

        @Override
        public String toString() {
            return key;
        }
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
