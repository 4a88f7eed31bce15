package dev.tradingbatch.strategy.api;

import java.math.BigDecimal;
import org.ta4j.core.Indicator;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * Satisfied when the close of an open long position falls to {@code percent}% below the highest close since its
 * entry bar (the entry bar included).
 *
 * <p>Unlike ta4j's {@code TrailingStopLossRule}, which builds a new indicator and scans every bar since the entry on
 * each call, this one remembers the highest close of the position and extends it by the bars added since the last
 * call. It scans from the entry bar only for a new position, such as one just restored, or when asked about an
 * earlier bar. In ta4j's JSON: {@code {"type": "dev.tradingbatch.strategy.api.TrailingStopRule", "parameters":
 * {"percent": "5"}, "components": [close]}}.
 */
public final class TrailingStopRule extends AbstractRule {

    private final Indicator<Num> close;
    private final BigDecimal percent;
    private final Num keptRatio;

    private int entryIndex = -1;
    private int trackedIndex = -1;
    private Num highest;

    public TrailingStopRule(Indicator<Num> close, Number percent) {
        this.close = close;
        this.percent = percent instanceof BigDecimal decimal ? decimal : new BigDecimal(percent.toString());
        var numFactory = close.getBarSeries().numFactory();
        this.keptRatio = numFactory.hundred().minus(numFactory.numOf(this.percent)).dividedBy(numFactory.hundred());
    }

    /** The prices it trails, usually the close. */
    public Indicator<Num> getClose() {
        return close;
    }

    /** How far below the highest close the stop is, in percent. */
    public BigDecimal getPercent() {
        return percent;
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord tradingRecord) {
        boolean satisfied = false;
        Position position = tradingRecord == null ? null : tradingRecord.getCurrentPosition();
        if (position != null && position.isOpened() && position.getEntry().isBuy()) {
            int entry = position.getEntry().getIndex();
            if (entry != entryIndex || index < trackedIndex) {
                entryIndex = entry;
                trackedIndex = entry - 1;
                highest = null;
            }
            for (int i = trackedIndex + 1; i <= index; i++) {
                Num value = close.getValue(i);
                if (highest == null || value.isGreaterThan(highest)) {
                    highest = value;
                }
            }
            trackedIndex = Math.max(trackedIndex, index);
            satisfied = index > entry && close.getValue(index).isLessThanOrEqual(highest.multipliedBy(keptRatio));
        }
        traceIsSatisfied(index, satisfied);
        return satisfied;
    }
}
