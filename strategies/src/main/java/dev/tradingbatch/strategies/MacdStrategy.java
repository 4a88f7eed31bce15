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
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/** MACD signal-line crossover: buy when the MACD line crosses above its signal EMA, sell when it crosses below. */
final class MacdStrategy implements StrategyDefinition {

    @Override
    public String type() {
        return "macd";
    }

    @Override
    public String description() {
        return "MACD signal-line crossover: buy when the MACD line crosses above its signal, sell below";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("fast", 12, 2, 500),
                Param.integer("slow", 26, 2, 500),
                Param.integer("signal", 9, 2, 500),
                Stops.STOP_LOSS,
                Stops.TAKE_PROFIT);
    }

    @Override
    public List<Ordered> ordered() {
        return List.of(new Ordered("fast", "slow"));
    }

    /**
     * ta4j seeds an EMA(n) at index n; 5(n+1) bars later the seed weighs (1-2/(n+1))^5(n+1) < e^-10. The MACD line
     * settles after slow + 5(slow+1) bars, its signal EMA 5(signal+1) bars after that.
     */
    @Override
    public int warmUpBars(ParamValues params) {
        int slow = params.integer("slow");
        return slow + 5 * (slow + 1) + 5 * (params.integer("signal") + 1);
    }

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        return compose(series, params, SharedIndicators.NONE);
    }

    /**
     * The MACD line depends on the two EMA periods alone, its signal on those and its own period: a sweep computes
     * each once for every set that reads it ({@code shared}), whatever the stops. Sets of different slow or signal
     * periods warm up on different candles, so they share nothing.
     */
    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params, SharedIndicators shared) {
        var close = new ClosePriceIndicator(series);
        int fast = params.integer("fast");
        int slow = params.integer("slow");
        int period = params.integer("signal");
        String line = "macd(close," + fast + "," + slow + ")";
        Indicator<Num> macd = shared.get(series, line, s -> new MACDIndicator(new ClosePriceIndicator(s), fast, slow));
        // The signal EMA reads the MACD line: on this strategy's own series the line above (shared or not, so that
        // nothing is computed twice), on the series a sweep computes it on a line of that series, read nowhere else
        Indicator<Num> signal = shared.get(series, "ema(" + line + "," + period + ")", s -> new EMAIndicator(
                s == series ? macd : new MACDIndicator(new ClosePriceIndicator(s), fast, slow), period));

        // Buy when the MACD line crosses above its signal line
        Rule entry = new CrossedUpIndicatorRule(macd, signal);
        // Sell when it crosses below, or at a stop
        Rule exit = Stops.orStops(new CrossedDownIndicatorRule(macd, signal), close, params);

        return new ComposedStrategy(new BaseStrategy("macd", entry, exit), List.of(macd, signal));
    }
}
