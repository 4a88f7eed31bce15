package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.StrategySpec;

import java.math.BigDecimal;

/**
 * One trader as configured and checked: its strategy_id, the market it trades, its strategy with
 * parameters resolved, and how it fills (stake, fee rate, slippage).
 */
public record DeclaredStrategy(String id, MarketKey market, StrategySpec spec, BigDecimal stake, BigDecimal feeRate,
                               BigDecimal slippageBps) {

    /** The fill model under the market's order rules (none known: 8 decimals, no minimum). */
    public FillModel fillModel(MarketRules rules) {
        return new FillModel(stake, feeRate, slippageBps, rules);
    }

    /**
     * Where the warm-up before {@code first} would start on a series without gaps: what to backfill from when too
     * few candles are stored (an evaluation loads its warm-up by count, {@code warmUpBars} candles, wherever they
     * lie).
     */
    public long warmUpFromWithoutGaps(long first) {
        return first - (long) spec.warmUpBars() * market.timeframe().millis();
    }

    /**
     * Everything that changes what an evaluation of this strategy computes: its type, market, parameters (or, declared
     * in ta4j's JSON, its definition and warm-up) and fill settings. A live evaluation continues from the previous one only while this stays the same.
     */
    public String identity() {
        return String.join(" ", spec.type().code(), market.exchange(), market.symbol(), market.timeframe().code(),
                paramsJson(), "stake=" + stake.toPlainString(), "fee-rate=" + feeRate.toPlainString(),
                "slippage-bps=" + slippageBps.toPlainString()) + spec.definition().map(d -> " definition=" + d).orElse("");
    }

    /** The resolved parameters as stored with the strategy and each of its trades. */
    public String paramsJson() {
        return TradeRepository.json(spec.params());
    }
}
