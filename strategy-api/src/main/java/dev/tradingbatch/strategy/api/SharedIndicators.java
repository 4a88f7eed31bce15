package dev.tradingbatch.strategy.api;

import java.util.function.Function;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

/**
 * Where a definition may take an indicator that other strategies over the same candles compute too, so that a sweep
 * computes it once instead of once per parameter set (the RSI of one period, shared by every pair of thresholds).
 * The values are exactly those {@code indicator} gives on {@code series}, only not necessarily computed there: a
 * sweep computes them once over the candles every set reads and hands each set an indicator that reads them back.
 * A replay, a live evaluation and anything else that runs one strategy get {@link #NONE}: the indicator itself.
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
}
