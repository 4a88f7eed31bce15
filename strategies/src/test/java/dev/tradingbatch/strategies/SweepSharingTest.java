package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategy.api.SharedIndicators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tradingbatch.strategies.SharedTypeIndicatorsTest.CANDLES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep takes from its {@link IndicatorCache} only the indicators two sets or more read from the same first candle;
 * every other one its set computes on its own series, and every set gets the fills of its own indicators either way.
 */
class SweepSharingTest {

    @Test
    void shouldTakeFromTheCacheOnlyTheIndicatorsTwoSetsRead() {
        // MACD fast x slow x signal: every (slow, signal) warms up from another candle, so each set reads its line and
        // signal alone, but for (8, 21, 9), which a second set reads with a stop-loss
        List<StrategySpec> sets = new ArrayList<>();
        for (String fast : List.of("5", "8")) {
            for (String slow : List.of("13", "21")) {
                for (String signal : List.of("4", "9")) {
                    sets.add(StrategySpec.of("macd", Map.of("fast", fast, "slow", slow, "signal", signal)));
                }
            }
        }
        sets.add(StrategySpec.of("macd", Map.of("fast", "8", "slow", "21", "signal", "9", "stop-loss", "1")));
        int widest = sets.stream().mapToInt(StrategySpec::warmUpBars).max().orElseThrow();
        SweepSharing sharing = SweepSharing.of(sets, i -> widest - sets.get(i).warmUpBars());
        assertThat(sharing.sharedKeys()).as("the line and signal of (8, 21, 9)").isEqualTo(2);

        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M5, IndicatorCache.defaultBound());
        Map<String, Integer> computed = new LinkedHashMap<>();
        for (StrategySpec spec : sets) {
            int first = widest - spec.warmUpBars();
            SharedIndicators shared = sharing.from(cache, first);
            SharedIndicators counted = (series, key, indicator) -> shared.get(series, key, s -> {
                if (s != series) {
                    computed.merge(key + " from " + first, 1, Integer::sum);
                }
                return indicator.apply(s);
            });
            assertThat(replay(spec, first, counted)).as("%s", spec.params())
                    .isEqualTo(replay(spec, first, SharedIndicators.NONE)).isNotEmpty();
        }
        assertThat(computed).as("computed by the cache, once each").containsExactly(
                Map.entry("macd(close,8,21) from 0", 1), Map.entry("ema(macd(close,8,21),9) from 0", 1));
        assertThat(cache.held()).isEqualTo(2L * CANDLES.size());
    }

    @Test
    void shouldShareNothingBetweenSetsOfOtherFirstCandles() {
        // the same RSI period, fed from two candles: the values differ, so nothing is shared
        List<StrategySpec> sets = List.of(StrategySpec.of("rsi", Map.of("period", "14", "oversold", "30")),
                StrategySpec.of("rsi", Map.of("period", "14", "oversold", "35")));
        assertThat(SweepSharing.of(sets, i -> i).sharedKeys()).isZero();
        // from one candle: the RSI, and the exit rule of the same overbought (the entry rules' thresholds differ)
        assertThat(SweepSharing.of(sets, i -> 7).sharedKeys()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheRulesTwoSetsReadFromTheCache() {
        // RSI 14 x oversold 30, 35 x overbought 65, 70: each crossing rule is read by two sets, the RSI by four
        List<StrategySpec> sets = new ArrayList<>();
        for (String oversold : List.of("30", "35")) {
            for (String overbought : List.of("65", "70")) {
                sets.add(StrategySpec.of("rsi", Map.of("period", "14", "oversold", oversold, "overbought", overbought)));
            }
        }
        SweepSharing sharing = SweepSharing.of(sets, i -> 0);
        assertThat(sharing.sharedKeys()).as("the RSI, two entry and two exit rules").isEqualTo(5);

        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M5, IndicatorCache.defaultBound());
        for (StrategySpec spec : sets) {
            assertThat(replay(spec, 0, sharing.from(cache, 0))).as("%s", spec.params())
                    .isEqualTo(replay(spec, 0, SharedIndicators.NONE)).isNotEmpty();
        }
        // the RSI's values, and the four rules' bars at one bit a candle (64 to a long, a long counted as a double)
        long words = (CANDLES.size() + 63) / 64;
        assertThat(cache.held()).isEqualTo(CANDLES.size() + 4 * words);
    }

    /** The fills of {@code spec} fed the candles from {@code first} on, the replay's way, warm-up first. */
    private static List<Fill> replay(StrategySpec spec, int first, SharedIndicators shared) {
        return SharedReplays.fills(spec, CANDLES, Timeframe.M5, SharedTypeIndicatorsTest.FILLS, first, shared);
    }
}
