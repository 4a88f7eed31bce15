package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * One paper trade as stored in {@code strategy_trades}: exact decimals, the open time (UTC epoch ms)
 * of the candle whose close triggered it, and on the closing sell its pnl after fees.
 *
 * @param runId  {@code live}, or the backtest run that produced it
 * @param side   {@code buy} or {@code sell}
 * @param params the strategy parameters of the run, as JSON
 */
public record TradeRow(String strategyId, String runId, String symbol, String side, BigDecimal price,
                       BigDecimal quantity, BigDecimal fee, long candleTime, long executedAt, BigDecimal pnl,
                       BigDecimal pnlPercent, String params) {
}
