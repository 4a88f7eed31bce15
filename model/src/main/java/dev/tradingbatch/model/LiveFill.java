package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * A row of {@code live_fills}: one trade that filled (part of) a live strategy's order, as the exchange reported it.
 *
 * @param tradeId         the exchange's trade id as it sent it, as text (Binance's and Coinbase's are numbers,
 *                        Kraken's text such as {@code TCCCTY-WE4VW-TMJ5IT}), unique per account and symbol: a fill
 *                        is applied once
 * @param side            the side of its order (read from {@code live_orders}, not stored twice)
 * @param commission      the fee, in {@code commissionAsset}
 * @param tradedAt        UTC epoch ms, the exchange's time
 */
public record LiveFill(String account, String symbol, String tradeId, String clientOrderId, Side side, BigDecimal price,
                       BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal commission, String commissionAsset,
                       long tradedAt) {
}
