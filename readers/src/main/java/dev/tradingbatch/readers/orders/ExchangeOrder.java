package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;

import java.math.BigDecimal;

/**
 * An order as the exchange reports it, decimals exactly as it sent them.
 *
 * @param orderId          the exchange's id, as text (Binance: a number; Coinbase: a UUID)
 * @param executedQuantity base asset filled so far
 * @param executedQuote    quote currency filled so far (Binance's cummulativeQuoteQty)
 * @param updateTime       when it last changed, epoch ms UTC
 */
public record ExchangeOrder(String symbol, String clientOrderId, String orderId, Side side, OrderStatus status,
                            BigDecimal origQuantity, BigDecimal executedQuantity, BigDecimal executedQuote,
                            long updateTime) {
}
