package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.SharedIndicators;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import dev.tradingbatch.strategy.api.Stops;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/** RSI mean reversion: buy when the RSI falls through oversold, sell when it rises through overbought. */
final class RsiStrategy implements StrategyDefinition {

    @Override
    public String type() {
        return "rsi";
    }

    @Override
    public String description() {
        return "RSI mean reversion: buy when the RSI falls through oversold, sell when it rises through overbought";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("period", 14, 2, 500),
                Param.between("oversold", "30", 0, 100),
                Param.between("overbought", "70", 0, 100),
                Stops.STOP_LOSS,
                Stops.TAKE_PROFIT);
    }

    @Override
    public List<Ordered> ordered() {
        return List.of(new Ordered("oversold", "overbought"));
    }

    /** ta4j seeds Wilder's averages at index {@code period}; 10 periods later the seed weighs (1-1/n)^10n < e^-10. */
    @Override
    public int warmUpBars(ParamValues params) {
        return 11 * params.integer("period");
    }

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        return compose(series, params, SharedIndicators.NONE);
    }

    /**
     * The RSI of one period is the same for every pair of thresholds, and each crossing for every set of its period
     * and threshold: a sweep computes them once ({@code shared}).
     */
    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params, SharedIndicators shared) {
        var close = new ClosePriceIndicator(series);
        int period = params.integer("period");
        String rsiKey = "rsi(close," + period + ")";
        Function<BarSeries, Indicator<Num>> rsiOn = s -> shared.get(s, rsiKey,
                on -> new RSIIndicator(new ClosePriceIndicator(on), period));
        Indicator<Num> rsi = rsiOn.apply(series);
        BigDecimal oversold = params.decimal("oversold");
        BigDecimal overbought = params.decimal("overbought");

        // Buy when the RSI crosses down through oversold: above it on the previous bar, below it now
        Rule entry = shared.rule(series, "crossed-down(" + rsiKey + "," + oversold + ")",
                s -> new CrossedDownIndicatorRule(rsiOn.apply(s), oversold));
        // Sell when the RSI crosses up through overbought, or at a stop (the stops read the position: never shared)
        Rule exit = Stops.orStops(shared.rule(series, "crossed-up(" + rsiKey + "," + overbought + ")",
                s -> new CrossedUpIndicatorRule(rsiOn.apply(s), overbought)), close, params);

        return new ComposedStrategy(new BaseStrategy("rsi", entry, exit), List.of(rsi));
    }
}
