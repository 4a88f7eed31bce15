package dev.tradingbatch.readers.orders;

import java.math.BigDecimal;

/**
 * One trade that filled (part of) an order, as the exchange reports it.
 *
 * @param tradeId         the exchange's trade id exactly as it sent it, as text (a number's decimal digits on Binance
 *                        and Coinbase, Kraken's own text): a fill is applied to a ledger once by it
 * @param orderId         the exchange's id of the order, as text (see {@link ExchangeOrder#orderId})
 * @param commission      the fee, in {@code commissionAsset} (not necessarily the quote currency: BNB on Binance)
 * @param time            epoch ms UTC
 */
public record ExchangeFill(String tradeId, String orderId, BigDecimal price, BigDecimal quantity,
                           BigDecimal quoteQuantity, BigDecimal commission, String commissionAsset, long time) {
}
