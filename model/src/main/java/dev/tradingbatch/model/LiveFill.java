package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * A row of {@code live_fills}: one trade that filled (part of) a live strategy's order, as the exchange reported it.
 *
 * @param tradeId         the exchange's trade id, unique per account and symbol: a fill is applied once
 * @param side            the side of its order (read from {@code live_orders}, not stored twice)
 * @param commission      the fee, in {@code commissionAsset}
 * @param tradedAt        UTC epoch ms, the exchange's time
 */
public record LiveFill(String account, String symbol, long tradeId, String clientOrderId, Side side, BigDecimal price,
                       BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal commission, String commissionAsset,
                       long tradedAt) {
}
