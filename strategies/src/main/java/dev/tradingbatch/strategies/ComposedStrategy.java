package dev.tradingbatch.strategies;

import java.util.List;
import org.ta4j.core.Indicator;
import org.ta4j.core.Strategy;
import org.ta4j.core.num.Num;

/**
 * A ta4j strategy and the indicators its rules read. {@link PaperTrader} computes these on every bar it adds, so
 * each value is derived from the previous bar's cached one and never from bars already dropped from the series.
 */
record ComposedStrategy(Strategy strategy, List<Indicator<Num>> indicators) {
}
