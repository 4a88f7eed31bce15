package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.SharedIndicators;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import dev.tradingbatch.strategy.api.Stops;
import dev.tradingbatch.strategy.api.TrailingStopRule;
import dev.tradingbatch.strategy.api.TurnsTrueRule;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;

/**
 * Trend following: buy when an uptrend starts, that is on the bar where "fast EMA above slow EMA and ADX above the
 * threshold" becomes true (the EMAs cross while the ADX is strong, or the ADX rises through the threshold while the
 * fast EMA is already above); sell when the fast EMA crosses below the slow one or at the trailing stop.
 */
final class TrendStrategy implements StrategyDefinition {

    @Override
    public String type() {
        return "trend";
    }

    @Override
    public String description() {
        return "trend following: fast EMA above slow with a strong ADX, out at a trailing stop";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("fast", 50, 2, 500),
                Param.integer("slow", 200, 2, 500),
                Param.integer("adx-period", 14, 2, 500),
                Param.within("adx-threshold", "25", 0, 100),
                Param.between("trailing-stop", "5", 0, 100),
                Stops.STOP_LOSS,
                Stops.TAKE_PROFIT);
    }

    @Override
    public List<Ordered> ordered() {
        return List.of(new Ordered("fast", "slow"));
    }

    /**
     * The slow EMA as for the other EMA types, slow + 5(slow+1); the ADX is a Wilder average of values that are
     * themselves Wilder averages, so twice the 11 periods of the RSI.
     */
    @Override
    public int warmUpBars(ParamValues params) {
        int slow = params.integer("slow");
        return Math.max(slow + 5 * (slow + 1), 22 * params.integer("adx-period"));
    }

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        return compose(series, params, SharedIndicators.NONE);
    }

    /**
     * Each EMA depends on its period alone and the ADX on its own: a sweep computes each once for every set that
     * reads it ({@code shared}), whatever the threshold and stops (sets warm up on the candles their slow EMA or
     * ADX needs, and only sets of the same warm-up share).
     */
    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params, SharedIndicators shared) {
        var close = new ClosePriceIndicator(series);
        Indicator<Num> fast = SharedAverages.closeEma(series, shared, params.integer("fast"));
        Indicator<Num> slow = SharedAverages.closeEma(series, shared, params.integer("slow"));
        int adxPeriod = params.integer("adx-period");
        // The ADX reads each bar's high, low and close: its period is all its key needs
        Indicator<Num> adx = shared.get(series, "adx(" + adxPeriod + ")", s -> new ADXIndicator(s, adxPeriod));

        // Buy on the bar where "fast above slow, and a strong trend" starts to hold
        Rule uptrend = new OverIndicatorRule(fast, slow).and(new OverIndicatorRule(adx, params.decimal("adx-threshold")));
        Rule entry = new TurnsTrueRule(uptrend);
        // Sell at the trailing stop (first, so it sees every bar of the position), when the fast EMA crosses below
        // the slow one, or at a stop
        Rule exit = Stops.orStops(new TrailingStopRule(close, params.decimal("trailing-stop"))
                .or(new CrossedDownIndicatorRule(fast, slow)), close, params);

        return new ComposedStrategy(new BaseStrategy("trend", entry, exit), List.of(fast, slow, adx));
    }
}
