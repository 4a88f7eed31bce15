package dev.tradingbatch.strategies.json;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;

/**
 * Whether two versions of a strategy (one built in code, one read back from JSON) give the same signals: their entry
 * and exit rules bar by bar, and the trades of ta4j's own backtest (stops included, which need a position), on a
 * seeded random walk of {@value #BARS} one-minute bars.
 */
public final class Ta4jRoundTrip {

    static final int BARS = 6000;
    private static final long SEED = 22;

    private Ta4jRoundTrip() {
    }

    /**
     * The first difference between the strategy {@code original} builds and the one read back from {@code json}, on
     * the same series; empty when they agree on every bar.
     */
    public static Optional<String> difference(Function<BarSeries, Strategy> original, String json) {
        BarSeries series = series();
        return difference(original.apply(series), Strategy.fromJson(series, json), series);
    }

    /** The first difference between two strategies on {@code series}, which both are built on. */
    static Optional<String> difference(Strategy expected, Strategy actual, BarSeries series) {
        if (expected.getUnstableBars() != actual.getUnstableBars()) {
            return Optional.of("unstable bars " + actual.getUnstableBars() + " instead of " + expected.getUnstableBars());
        }
        for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
            Optional<String> entry = differs("entry", expected.getEntryRule(), actual.getEntryRule(), i);
            Optional<String> exit = differs("exit", expected.getExitRule(), actual.getExitRule(), i);
            if (entry.isPresent() || exit.isPresent()) {
                return entry.isPresent() ? entry : exit;
            }
        }
        List<String> expectedTrades = trades(expected, series);
        List<String> actualTrades = trades(actual, series);
        for (int t = 0; t < Math.max(expectedTrades.size(), actualTrades.size()); t++) {
            String e = t < expectedTrades.size() ? expectedTrades.get(t) : "none";
            String a = t < actualTrades.size() ? actualTrades.get(t) : "none";
            if (!e.equals(a)) {
                return Optional.of("trade " + (t + 1) + " of the backtest is " + a + " instead of " + e);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> differs(String name, Rule expected, Rule actual, int index) {
        boolean e = expected.isSatisfied(index, null);
        boolean a = actual.isSatisfied(index, null);
        return e == a ? Optional.empty()
                : Optional.of("the " + name + " rule is " + a + " instead of " + e + " on bar " + index);
    }

    /** The series strategies are compared on. */
    static BarSeries series() {
        return RandomWalk.series(BARS, SEED);
    }

    /** The trades of ta4j's backtest of {@code strategy} on {@code series}, which it is built on, as {@code buy@12}. */
    static List<String> trades(Strategy strategy, BarSeries series) {
        return new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(strategy).getTrades().stream()
                .map(trade -> (trade.getType() == Trade.TradeType.BUY ? "buy@" : "sell@") + trade.getIndex())
                .toList();
    }
}
