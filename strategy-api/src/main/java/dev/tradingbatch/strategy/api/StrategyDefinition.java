package dev.tradingbatch.strategy.api;

import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;

/**
 * What one strategy type is made of: its name, its parameters, its warm-up and its rules. The built-in types
 * implement it, and so does a plugin: a jar in the plugins folder that lists its implementations in
 * {@code META-INF/services/dev.tradingbatch.strategy.api.StrategyDefinition}, each with a public no-argument
 * constructor. Pure computation on the series it is given: no I/O, no state shared between series.
 */
public interface StrategyDefinition {

    /** The name users declare it with, {@code type: rsi}: lower case letters, digits and {@code -}. */
    String type();

    /** One line saying what it trades on, for {@code strategies types}. */
    default String description() {
        return "";
    }

    /** Every parameter the type accepts, with its default; optional ones have none. */
    List<Param> params();

    /** Pairs of parameters whose values must be strictly increasing, such as oversold below overbought. */
    default List<Ordered> ordered() {
        return List.of();
    }

    /**
     * Bars of history the indicators need before their values no longer depend on where the series starts; no bar
     * with a smaller index is evaluated. By default what the composed indicators declare unstable, as ta4j counts
     * it ({@link ComposedStrategy#unstableBars()}); a type whose averages carry their seed longer (every EMA and
     * Wilder average does) says how long here.
     */
    default int warmUpBars(ParamValues params) {
        return compose(new BaseBarSeriesBuilder().withName("warm-up").build(), params).unstableBars();
    }

    /**
     * The rules on {@code series} and the indicators they read. Read a bar's values only up to the index a rule is
     * asked about: the same signals must come out whether the series holds later bars or not
     * ({@code check --strategy} finds a rule that looks ahead).
     */
    ComposedStrategy compose(BarSeries series, ParamValues params);

    /**
     * {@link #compose(BarSeries, ParamValues)}, taking the indicators that other strategies over the same candles
     * may share from {@code shared} (a sweep computes each of them once for all its parameter sets). By default
     * nothing is shared; a type that overrides it must compose the same rules, over the same values, as without.
     */
    default ComposedStrategy compose(BarSeries series, ParamValues params, SharedIndicators shared) {
        return compose(series, params);
    }

    /** Parameter {@code lower} must be below parameter {@code higher}. */
    record Ordered(String lower, String higher) {
    }
}
