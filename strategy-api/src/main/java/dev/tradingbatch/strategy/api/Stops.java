package dev.tradingbatch.strategy.api;

import java.math.BigDecimal;
import java.util.Optional;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;

/**
 * The stop-loss and take-profit every built-in type accepts: percentages of the entry fill price (slippage
 * included), checked against each candle's close. A plugin offers them by listing the two params and combining its
 * exit with {@link #orStops}.
 */
public final class Stops {

    public static final Param STOP_LOSS = Param.between("stop-loss", null, 0, 100);
    public static final Param TAKE_PROFIT = Param.positive("take-profit", null);

    private Stops() {
    }

    /** {@code exit}, or the close fell to the stop-loss, or rose to the take-profit, when those are set. */
    public static Rule orStops(Rule exit, Indicator<Num> close, ParamValues params) {
        Rule rule = exit;
        Optional<BigDecimal> stopLoss = params.optional(STOP_LOSS.key());
        if (stopLoss.isPresent()) {
            // close <= entry * (100 - stop-loss) / 100
            rule = rule.or(new StopLossRule(close, stopLoss.get()));
        }
        Optional<BigDecimal> takeProfit = params.optional(TAKE_PROFIT.key());
        if (takeProfit.isPresent()) {
            // close >= entry * (100 + take-profit) / 100
            rule = rule.or(new StopGainRule(close, takeProfit.get()));
        }
        return rule;
    }
}
