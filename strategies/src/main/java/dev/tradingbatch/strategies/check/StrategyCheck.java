package dev.tradingbatch.strategies.check;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a strategy for look-ahead and for too short a warm-up, on stored candles:
 * <ul>
 *   <li>it replays the range once, as the replay job does (each candle decided once the next one is in the series),
 *       then evaluates it candle by candle as the live trader does (a trader rebuilt for each candle from the same
 *       history, seeing only the candles closed so far, the open position carried over), and compares the fills
 *       and the indicator values on every candle: a strategy that reads a later bar (an indicator at
 *       {@code index + 1}, a rule on the series' last bar) decides differently when that bar is not there yet;</li>
 *   <li>it replays the range again with twice the warm-up and compares the fills: a warm-up too short for the
 *       indicators leaves the early signals depending on where the history starts.</li>
 * </ul>
 * Quadratic in the candles checked (each live evaluation feeds the history again): a few thousand candles take
 * seconds.
 */
public record StrategyCheck(StrategySpec spec, Timeframe timeframe, FillModel fillModel) {

    /** The differences a report lists in full; the rest are counted. */
    static final int LISTED = 5;
    /** Relative difference below which two indicator values are the same number computed in another order. */
    static final double ROUNDING = 1e-9;

    /**
     * What the candles show.
     *
     * @param evaluated  candles checked
     * @param fills      the replay's fills
     * @param lookAhead  the first candles where candle-by-candle evaluation differs from the replay, at most
     *                   {@value #LISTED}
     * @param lookAheadCount how many candles differ
     * @param warmUp     the first candles where twice the warm-up fills differently, at most {@value #LISTED}
     * @param warmUpCount how many candles do
     */
    public record Report(int evaluated, List<Fill> fills, List<CandleDifference> lookAhead, int lookAheadCount,
                         List<CandleDifference> warmUp, int warmUpCount) {

        public boolean clean() {
            return lookAheadCount == 0 && warmUpCount == 0;
        }
    }

    /**
     * Checks the candles from index {@code first} of {@code candles} on, oldest first; at least twice the warm-up
     * ({@link StrategySpec#warmUpBars}) candles must come before it.
     */
    public Report run(List<StoredCandle> candles, int first) {
        int warmUp = spec.warmUpBars();
        if (first < 2 * warmUp) {
            throw new IllegalArgumentException("needs " + 2 * warmUp + " candles before the first one checked, got "
                    + first);
        }
        List<StoredCandle> history = candles.subList(first - warmUp, candles.size());
        Evaluated replay = replay(history, warmUp);
        Evaluated live = live(history, warmUp);
        Evaluated longer = replay(candles.subList(first - 2 * warmUp, candles.size()), 2 * warmUp);
        List<CandleDifference> lookAhead = new ArrayList<>();
        List<CandleDifference> shortWarmUp = new ArrayList<>();
        int lookAheadCount = 0;
        int warmUpCount = 0;
        for (StoredCandle candle : candles.subList(first, candles.size())) {
            long time = candle.openTime();
            Optional<CandleDifference> peek = difference(time, replay, live, true);
            if (peek.isPresent() && lookAheadCount++ < LISTED) {
                lookAhead.add(peek.get());
            }
            Optional<CandleDifference> seed = difference(time, longer, replay, false);
            if (seed.isPresent() && warmUpCount++ < LISTED) {
                shortWarmUp.add(seed.get());
            }
        }
        return new Report(candles.size() - first, List.copyOf(replay.fills.values()), lookAhead, lookAheadCount,
                shortWarmUp, warmUpCount);
    }

    /** The fills and indicator values of each evaluated candle of one evaluation. */
    private record Evaluated(Map<Long, Fill> fills, Map<Long, Map<String, String>> values) {
    }

    /** The replay job's path: one trader, each candle decided once the next one is added. */
    private Evaluated replay(List<StoredCandle> candles, int warmUp) {
        PaperTrader trader = new PaperTrader(spec, timeframe, fillModel);
        Evaluated evaluated = new Evaluated(new LinkedHashMap<>(), new HashMap<>());
        StoredCandle previous = null;
        for (int i = 0; i < candles.size(); i++) {
            StoredCandle candle = candles.get(i);
            if (i < warmUp) {
                trader.warmUp(candle);
                continue;
            }
            trader.onCandleAhead(candle).ifPresent(fill -> evaluated.fills.put(fill.candleTime(), fill));
            if (previous != null) {
                evaluated.values.put(previous.openTime(), trader.indicatorValues(previous.openTime()));
            }
            previous = candle;
        }
        trader.finishAhead().ifPresent(fill -> evaluated.fills.put(fill.candleTime(), fill));
        if (previous != null) {
            evaluated.values.put(previous.openTime(), trader.indicatorValues(previous.openTime()));
        }
        return evaluated;
    }

    /**
     * The live trader's path: for each candle a new trader, the history before it warmed up, the open position
     * carried over, and the candle itself, the last in its series, evaluated.
     */
    private Evaluated live(List<StoredCandle> candles, int warmUp) {
        Evaluated evaluated = new Evaluated(new LinkedHashMap<>(), new HashMap<>());
        Optional<Fill> open = Optional.empty();
        for (int t = warmUp; t < candles.size(); t++) {
            PaperTrader trader = new PaperTrader(spec, timeframe, fillModel);
            open.ifPresent(trader::restoreOpenPosition);
            for (StoredCandle candle : candles.subList(0, t)) {
                trader.warmUp(candle);
            }
            StoredCandle candle = candles.get(t);
            trader.onCandle(candle.toCandle()).ifPresent(fill -> evaluated.fills.put(fill.candleTime(), fill));
            evaluated.values.put(candle.openTime(), trader.indicatorValues(candle.openTime()));
            open = trader.openPosition();
        }
        return evaluated;
    }

    /**
     * Whether two indicator values are the same: equal texts, or numbers within {@value #ROUNDING} of their size. The
     * two paths add a window's values in different orders (ta4j keeps no cached value for the series' last bar, and
     * the live trader's candle always is the last), which changes a running sum in its last bits; a value read from
     * another candle differs by far more.
     */
    static boolean same(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return Math.abs(x - y) <= ROUNDING * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    private static Optional<CandleDifference> difference(long time, Evaluated expected, Evaluated actual,
                                                         boolean values) {
        Optional<Fill> e = Optional.ofNullable(expected.fills.get(time));
        Optional<Fill> a = Optional.ofNullable(actual.fills.get(time));
        List<CandleDifference.ValueDifference> differing = new ArrayList<>();
        if (values) {
            Map<String, String> expectedValues = expected.values.getOrDefault(time, Map.of());
            Map<String, String> actualValues = actual.values.getOrDefault(time, Map.of());
            expectedValues.forEach((name, value) -> {
                String other = actualValues.get(name);
                if (!same(value, other)) {
                    differing.add(new CandleDifference.ValueDifference(name, value, other));
                }
            });
        }
        return e.equals(a) && differing.isEmpty() ? Optional.empty()
                : Optional.of(new CandleDifference(time, e, a, differing));
    }
}
