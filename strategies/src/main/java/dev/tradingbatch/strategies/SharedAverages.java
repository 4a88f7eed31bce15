package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.SharedIndicators;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

/**
 * The averages several built-in types take from a sweep's {@link SharedIndicators}, under one key each, so that the
 * key of an EMA means the same values whichever type asks for it.
 */
final class SharedAverages {

    private SharedAverages() {
    }

    /**
     * The EMA of the closes over {@code period} bars, key {@code ema(close,period)}: every set with that period (and
     * the same warm-up) reads it, whatever its other parameters.
     */
    static Indicator<Num> closeEma(BarSeries series, SharedIndicators shared, int period) {
        return shared.get(series, "ema(close," + period + ")",
                s -> new EMAIndicator(new ClosePriceIndicator(s), period));
    }
}
