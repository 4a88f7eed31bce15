package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.MarketKey;
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

    /** The fill model at the market's amount precision ({@code null}: unknown, 8 decimals). */
    public FillModel fillModel(Integer amountDecimals) {
        return FillModel.of(stake, feeRate, slippageBps, amountDecimals);
    }

    /** Open time of the first warm-up candle for an evaluation whose first evaluated candle opens at {@code first}. */
    public long warmUpFrom(long first) {
        return first - (long) spec.warmUpBars() * market.timeframe().millis();
    }

    /** The resolved parameters as stored with the strategy and each of its trades. */
    public String paramsJson() {
        return TradeRepository.json(spec.params());
    }
}
