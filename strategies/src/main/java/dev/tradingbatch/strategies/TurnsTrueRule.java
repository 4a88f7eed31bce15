package dev.tradingbatch.strategies;

import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.rules.AbstractRule;

/** Satisfied on the bar where {@code rule} holds after not holding on the previous bar. */
final class TurnsTrueRule extends AbstractRule {

    private final Rule rule;

    TurnsTrueRule(Rule rule) {
        this.rule = rule;
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord tradingRecord) {
        boolean satisfied = rule.isSatisfied(index, tradingRecord)
                && (index == 0 || !rule.isSatisfied(index - 1, tradingRecord));
        traceIsSatisfied(index, satisfied);
        return satisfied;
    }
}
