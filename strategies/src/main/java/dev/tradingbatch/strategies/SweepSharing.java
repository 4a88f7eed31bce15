package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.SharedIndicators;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.num.Num;

/**
 * The indicators and rules the sets of a sweep really share: the keys ({@link SharedIndicators}) that at least two sets
 * fed the candles from the same one on read. Only those are taken from the sweep's {@link IndicatorCache}; an indicator that
 * one set alone reads is computed on that set's own series, as without a cache, because the cache would compute it on
 * a series of its own and the set read it back: more work for nothing shared. That is most of a MACD sweep over the
 * fast, slow and signal periods, whose lines each one set reads (every slow and signal period warms up from another
 * candle, and the values of an average depend on where its series starts).
 */
public final class SweepSharing {

    /** A key read by sets fed the candles from {@code first} on. */
    private record Read(String key, int first) {
    }

    private final Set<Read> shared;

    private SweepSharing(Set<Read> shared) {
        this.shared = shared;
    }

    /**
     * What {@code sets} share, set {@code i} fed the candles from index {@code first.applyAsInt(i)} on: each set's
     * keys are those its type asks for when composed (on an empty series: nothing is computed).
     */
    public static SweepSharing of(List<StrategySpec> sets, IntUnaryOperator first) {
        Map<Read, Integer> readers = new HashMap<>();
        BarSeries empty = CandleBars.series("keys", Integer.MAX_VALUE);
        for (int i = 0; i < sets.size(); i++) {
            Set<String> keys = new HashSet<>();
            sets.get(i).compose(empty, new SharedIndicators() {
                @Override
                public Indicator<Num> get(BarSeries series, String key, Function<BarSeries, Indicator<Num>> indicator) {
                    keys.add(key);
                    return indicator.apply(series);
                }

                @Override
                public Rule rule(BarSeries series, String key, Function<BarSeries, Rule> rule) {
                    keys.add(key);
                    return rule.apply(series);
                }
            });
            int from = first.applyAsInt(i);
            keys.forEach(key -> readers.merge(new Read(key, from), 1, Integer::sum));
        }
        Set<Read> shared = new HashSet<>();
        readers.forEach((read, count) -> {
            if (count > 1) {
                shared.add(read);
            }
        });
        return new SweepSharing(shared);
    }

    /** Keys shared by more than one set, each with the first candle of the sets that read it. */
    public int sharedKeys() {
        return shared.size();
    }

    /**
     * What a set fed the candles from index {@code first} on takes from {@code cache}: the indicators and rules another
     * set reads too; the others it builds on its own series.
     */
    public SharedIndicators from(IndicatorCache cache, int first) {
        SharedIndicators cached = cache.from(first);
        return new SharedIndicators() {
            @Override
            public Indicator<Num> get(BarSeries series, String key, Function<BarSeries, Indicator<Num>> indicator) {
                return shared.contains(new Read(key, first)) ? cached.get(series, key, indicator)
                        : indicator.apply(series);
            }

            @Override
            public Rule rule(BarSeries series, String key, Function<BarSeries, Rule> rule) {
                return shared.contains(new Read(key, first)) ? cached.rule(series, key, rule) : rule.apply(series);
            }
        };
    }
}
