package dev.tradingbatch.strategy.api;

import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.rules.AbstractRule;

/**
 * Satisfied on the bar where {@code rule} holds after not holding on the previous bar: an entry on the start of a
 * condition rather than on every bar it lasts. In ta4j's JSON: {@code {"type": "dev.tradingbatch.strategy.api.
 * TurnsTrueRule", "components": [rule]}}.
 */
public final class TurnsTrueRule extends AbstractRule {

    private final Rule rule;

    public TurnsTrueRule(Rule rule) {
        this.rule = rule;
    }

    /** The rule whose start this one is satisfied on. */
    public Rule getRule() {
        return rule;
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord tradingRecord) {
        boolean satisfied = rule.isSatisfied(index, tradingRecord)
                && (index == 0 || !rule.isSatisfied(index - 1, tradingRecord));
        traceIsSatisfied(index, satisfied);
        return satisfied;
    }
}
