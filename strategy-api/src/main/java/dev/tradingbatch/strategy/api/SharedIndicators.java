package dev.tradingbatch.strategy.api;

import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.num.Num;

/**
 * Where a definition may take an indicator that other strategies over the same candles compute too, so that a sweep
 * computes it once instead of once per parameter set (the RSI of one period, shared by every pair of thresholds).
 * The values are exactly those {@code indicator} gives on {@code series}, only not necessarily computed there: a
 * sweep computes them once over the candles every set reads and hands each set an indicator that reads them back.
 * A replay, a live evaluation and anything else that runs one strategy get {@link #NONE}: the indicator itself.
 *
 * <p>Rules that read only indicators (not the trading record) may be shared the same way ({@link #rule}): the rule
 * "the RSI of 14 crossed down through 30" holds on the same bars for every set of period 14 and oversold 30.
 */
@FunctionalInterface
public interface SharedIndicators {

    /** Nothing shared: every indicator built on its own series. */
    SharedIndicators NONE = (series, key, indicator) -> indicator.apply(series);

    /**
     * The indicator {@code indicator} builds on {@code series}, or one that reads the same values computed once for
     * every strategy asking for {@code key}.
     *
     * @param key       everything the values depend on besides the candles: the indicator and its parameters, as in
     *                  {@code rsi(close,14)}; two keys alike must build indicators of the same values
     * @param indicator builds the indicator on a series of the candles (its own, or the one that computes it once);
     *                  it reads nothing but that series
     */
    Indicator<Num> get(BarSeries series, String key, Function<BarSeries, Indicator<Num>> indicator);

    /**
     * The rule {@code rule} builds on {@code series}, or one that reads on which bars it holds, decided once for every
     * strategy asking for {@code key}. By default (and in {@link #NONE}) the rule itself, built on {@code series}.
     *
     * @param key  everything whether the rule holds depends on besides the candles, as in
     *             {@code crossed-down(rsi(close,14),30)}; two keys alike must build rules that hold on the same bars
     * @param rule builds the rule on a series of the candles (its own, or the one that decides it once); it reads
     *             nothing but that series and indicators it takes from this {@code SharedIndicators}, and never the
     *             trading record (it is asked with none): no stop, nothing that depends on a position
     */
    default Rule rule(BarSeries series, String key, Function<BarSeries, Rule> rule) {
        return rule.apply(series);
    }
}
