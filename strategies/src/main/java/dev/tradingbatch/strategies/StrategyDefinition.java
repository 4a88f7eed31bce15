package dev.tradingbatch.strategies;

import java.util.List;
import org.ta4j.core.BarSeries;

/** What one strategy type is made of: its parameters, its warm-up and its rules. */
interface StrategyDefinition {

    /** Every parameter the type accepts, with its default; optional ones have none. */
    List<Param> params();

    /** Pairs of parameters whose values must be strictly increasing, such as oversold below overbought. */
    List<Ordered> ordered();

    /** Bars of history the indicators need before their values no longer depend on where the series starts. */
    int warmUpBars(StrategySpec spec);

    /** The rules on {@code series} and the indicators they read. */
    ComposedStrategy compose(BarSeries series, StrategySpec spec);

    /** Parameter {@code lower} must be below parameter {@code higher}. */
    record Ordered(String lower, String higher) {
    }
}
