package dev.tradingbatch.strategy.api;

import java.util.List;
import org.ta4j.core.Indicator;
import org.ta4j.core.Strategy;
import org.ta4j.core.num.Num;

/**
 * A ta4j strategy and the indicators its rules read. The trader computes these on every bar it adds, so each value
 * is derived from the previous bar's cached one and never from bars already dropped from the series: list every
 * indicator whose value depends on earlier values of its own (averages, RSI, ADX, ...).
 */
public record ComposedStrategy(Strategy strategy, List<Indicator<Num>> indicators) {

    public ComposedStrategy {
        indicators = List.copyOf(indicators);
    }

    /**
     * The most bars any part declares unstable, as ta4j counts them ({@code Indicator.getCountOfUnstableBars}, and
     * the strategy's own {@code getUnstableBars}): the warm-up a type has unless it says otherwise.
     */
    public int unstableBars() {
        int bars = strategy.getUnstableBars();
        for (Indicator<Num> indicator : indicators) {
            bars = Math.max(bars, indicator.getCountOfUnstableBars());
        }
        return bars;
    }
}
