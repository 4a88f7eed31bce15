package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * One row of {@code strategy_trades} with its exact decimals. {@code candleTime} is the open time (UTC epoch ms)
 * of the candle whose close triggered the trade; {@code pnl} and {@code pnlPercent} are set on a closing sell only.
 */
public record StoredTrade(long id, String strategyId, String side, BigDecimal price, BigDecimal quantity,
                          BigDecimal fee, long candleTime, BigDecimal pnl, BigDecimal pnlPercent) {

    public boolean isBuy() {
        return "buy".equals(side);
    }

    /** What the trade put into the market or took out of it, fee included: {@code price × quantity + fee}. */
    public BigDecimal cost() {
        return price.multiply(quantity).add(fee);
    }
}
