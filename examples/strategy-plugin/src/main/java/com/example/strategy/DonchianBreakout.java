package com.example.strategy;

import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import dev.tradingbatch.strategy.api.Stops;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * Donchian channel breakout, the turtle traders' rule: buy when the close breaks above the highest high of the
 * previous {@code entry-period} candles, sell when it breaks below the lowest low of the previous
 * {@code exit-period} candles, or at a stop.
 */
public final class DonchianBreakout implements StrategyDefinition {

    @Override
    public String type() {
        return "donchian";
    }

    @Override
    public String description() {
        return "Donchian channel breakout: buy above the highest high, sell below the lowest low";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("entry-period", 20, 2, 500),
                Param.integer("exit-period", 10, 2, 500),
                Stops.STOP_LOSS,
                Stops.TAKE_PROFIT);
    }

    // warmUpBars: not overridden. The channels are plain highs and lows of a window, so ta4j's count of unstable
    // bars (the window and the one previous candle) is all the history they need.

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        var close = new ClosePriceIndicator(series);
        // The channel of the candles before this one: this candle's own high is not part of what it breaks
        var upper = new PreviousValueIndicator(
                new HighestValueIndicator(new HighPriceIndicator(series), params.integer("entry-period")));
        var lower = new PreviousValueIndicator(
                new LowestValueIndicator(new LowPriceIndicator(series), params.integer("exit-period")));

        // Buy when the close breaks above the upper channel
        Rule entry = new OverIndicatorRule(close, upper);
        // Sell when it breaks below the lower channel, or at a stop
        Rule exit = Stops.orStops(new UnderIndicatorRule(close, lower), close, params);

        return new ComposedStrategy(new BaseStrategy("donchian", entry, exit), List.of(upper, lower));
    }
}
