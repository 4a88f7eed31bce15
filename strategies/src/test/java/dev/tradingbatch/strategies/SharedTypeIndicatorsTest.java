package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategy.api.SharedIndicators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MACD, Trend and Scalping types take every indicator that depends on fewer parameters than the whole set from a
 * sweep's {@link IndicatorCache}: each set of a grid gets exactly the fills of its own indicators, the cache computes
 * each key once per first candle (the key naming exactly the parameters its values depend on), and a set gets the
 * same fills whichever of its indicators are shared.
 */
class SharedTypeIndicatorsTest {

    static final FillModel FILLS = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("0.0005"), 5);
    /** Real 5m candles: Bitstamp BTC/USD, 2013-11-25 to 2013-12-01. */
    static final List<StoredCandle> CANDLES = TestCandles.sample("bitstamp-BTC-USD-5m.csv").stream()
            .map(TestCandles::stored).toList();

    /** A type, a grid over it (every combination of the values), and the keys a set of it reads, by its values. */
    record Grid(String type, Map<String, List<String>> values, Function<Map<String, String>, Set<String>> keys) {

        List<StrategySpec> sets() {
            List<Map<String, String>> sets = List.of(Map.of());
            for (Map.Entry<String, List<String>> param : values.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> set : sets) {
                    for (String value : param.getValue()) {
                        Map<String, String> with = new HashMap<>(set);
                        if (!value.isEmpty()) {
                            with.put(param.getKey(), value);
                        }
                        next.add(with);
                    }
                }
                sets = next;
            }
            return sets.stream().map(set -> StrategySpec.of(type, set)).toList();
        }

        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Arguments> grids() {
        return Stream.of(
                // 16 sets, 4 warm-ups (slow x signal): a line and a signal per (fast, slow, signal), each read by the
                // two stop-losses
                Arguments.of(new Grid("macd", map("fast", List.of("5", "8"), "slow", List.of("13", "21"),
                        "signal", List.of("4", "9"), "stop-loss", List.of("", "1")),
                        p -> {
                            String line = "macd(close," + p.get("fast") + "," + p.get("slow") + ")";
                            return Set.of(line, "ema(" + line + "," + p.get("signal") + ")");
                        }),
                        16),
                // 16 sets, 3 warm-ups: (20, 7) 154 bars, (30, 7) 185, (20, 14) and (30, 14) both 308, so those two
                // slow periods share their fast EMAs and ADX; each EMA and ADX read by both thresholds
                Arguments.of(new Grid("trend", map("fast", List.of("5", "10"), "slow", List.of("20", "30"),
                        "adx-period", List.of("7", "14"), "adx-threshold", List.of("20", "25")),
                        p -> Set.of("ema(close," + p.get("fast") + ")", "ema(close," + p.get("slow") + ")",
                                "adx(" + p.get("adx-period") + ")")),
                        2 * 3 + 4 + 3),
                // 12 sets, 2 warm-ups (slow): each slow EMA read by 3 fast periods x 2 take-profits, each fast one by
                // the 2 take-profits
                Arguments.of(new Grid("scalping", map("fast", List.of("3", "5", "8"), "slow", List.of("13", "21"),
                        "take-profit", List.of("", "2")),
                        p -> Set.of("ema(close," + p.get("fast") + ")", "ema(close," + p.get("slow") + ")")),
                        3 * 2 + 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void shouldGiveEverySetTheFillsOfItsOwnIndicatorsComputingEachKeyOncePerWarmUp(Grid grid, int entries) {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M5, IndicatorCache.defaultBound());
        List<StrategySpec> sets = grid.sets();
        int widest = sets.stream().mapToInt(StrategySpec::warmUpBars).max().orElseThrow();
        Map<String, Integer> computed = new LinkedHashMap<>();
        Set<String> expected = new LinkedHashSet<>();
        long expectedHeld = 0;
        int trades = 0;
        for (StrategySpec spec : sets) {
            int first = widest - spec.warmUpBars();
            for (String key : grid.keys().apply(spec.params())) {
                if (expected.add(key + " from " + first)) {
                    expectedHeld += CANDLES.size() - first;
                }
            }
            List<Fill> own = replay(spec, first, SharedIndicators.NONE);
            assertThat(replay(spec, first, counting(cache.from(first), first, computed))).as("%s", spec.params())
                    .isEqualTo(own);
            trades += own.size();
        }
        assertThat(trades).as("the sets trade").isGreaterThan(2 * sets.size());
        assertThat(computed.keySet()).as("keys computed, each from its first candle")
                .containsExactlyInAnyOrderElementsOf(expected).hasSize(entries);
        assertThat(computed.values()).as("each computed once").containsOnly(1);
        assertThat(cache.held()).as("one entry per key and first candle").isEqualTo(expectedHeld);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void shouldGiveTheSameFillsWhicheverOfItsIndicatorsAreShared(Grid grid, int entries) {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M5, IndicatorCache.defaultBound());
        StrategySpec spec = grid.sets().getLast();
        List<Fill> own = replay(spec, 0, SharedIndicators.NONE);
        assertThat(own).isNotEmpty();
        for (String only : grid.keys().apply(spec.params())) {
            SharedIndicators one = (series, key, indicator) -> key.equals(only)
                    ? cache.from(0).get(series, key, indicator) : indicator.apply(series);
            SharedIndicators allBut = (series, key, indicator) -> !key.equals(only)
                    ? cache.from(0).get(series, key, indicator) : indicator.apply(series);
            assertThat(replay(spec, 0, one)).as("only %s shared", only).isEqualTo(own);
            assertThat(replay(spec, 0, allBut)).as("all but %s shared", only).isEqualTo(own);
        }
    }

    /**
     * {@code shared}, counting in {@code computed} each indicator built on a series other than the strategy's own
     * (where the cache computes a key), by key and first candle.
     */
    private static SharedIndicators counting(SharedIndicators shared, int first, Map<String, Integer> computed) {
        return (series, key, indicator) -> shared.get(series, key, s -> {
            if (s != series) {
                computed.merge(key + " from " + first, 1, Integer::sum);
            }
            return indicator.apply(s);
        });
    }

    /** The fills of {@code spec} fed the candles from {@code first} on, the replay's way, warm-up first. */
    private static List<Fill> replay(StrategySpec spec, int first, SharedIndicators shared) {
        return SharedReplays.fills(spec, CANDLES, Timeframe.M5, FILLS, first, shared);
    }

    private static Map<String, List<String>> map(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], values);
        }
        return map;
    }
}
