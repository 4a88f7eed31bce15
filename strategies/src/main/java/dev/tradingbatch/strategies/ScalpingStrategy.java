package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.SharedIndicators;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import dev.tradingbatch.strategy.api.Stops;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/** Fast EMA crossover with a tight take-profit and stop-loss, both on by default. */
final class ScalpingStrategy implements StrategyDefinition {

    @Override
    public String type() {
        return "scalping";
    }

    @Override
    public String description() {
        return "fast EMA crossover with a tight take-profit and stop-loss";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("fast", 5, 2, 500),
                Param.integer("slow", 20, 2, 500),
                Stops.TAKE_PROFIT.withDefault("1.0"),
                Stops.STOP_LOSS.withDefault("0.5"));
    }

    @Override
    public List<Ordered> ordered() {
        return List.of(new Ordered("fast", "slow"));
    }

    /** ta4j seeds an EMA(n) at index n; 5(n+1) bars later the seed weighs (1-2/(n+1))^5(n+1) < e^-10. */
    @Override
    public int warmUpBars(ParamValues params) {
        int slow = params.integer("slow");
        return slow + 5 * (slow + 1);
    }

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        return compose(series, params, SharedIndicators.NONE);
    }

    /**
     * Each EMA depends on its period alone: a sweep computes the slow one once for every fast period and pair of
     * stops, the fast one once for every pair of stops ({@code shared}; sets of different slow periods warm up on
     * different candles, so they share nothing).
     */
    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params, SharedIndicators shared) {
        var close = new ClosePriceIndicator(series);
        Indicator<Num> fast = SharedAverages.closeEma(series, shared, params.integer("fast"));
        Indicator<Num> slow = SharedAverages.closeEma(series, shared, params.integer("slow"));

        // Buy when the fast EMA crosses above the slow one
        Rule entry = new CrossedUpIndicatorRule(fast, slow);
        // Sell when it crosses below, or at the take-profit or stop-loss
        Rule exit = Stops.orStops(new CrossedDownIndicatorRule(fast, slow), close, params);

        return new ComposedStrategy(new BaseStrategy("scalping", entry, exit), List.of(fast, slow));
    }
}
