package dev.tradingbatch.readers.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One exchange account's spot orders, fills and balances, in the exchange's own signed REST API. Symbols are
 * BASE/QUOTE (BTC/USDT) here and the exchange's own form on the wire.
 */
public interface SpotOrders {

    /** Sends a market order; never throws for what the exchange answers or fails to answer (see {@link SendOutcome}). */
    SendOutcome send(MarketOrder order);

    /**
     * The order with this client order id, or empty when the exchange says it has none (Binance -2013, Coinbase
     * 404). Any other failure throws {@link OrderApiException}: the order's existence is then unknown.
     */
    Optional<ExchangeOrder> find(String symbol, String clientOrderId);

    /**
     * Whether the exchange forgets an order that ended with nothing filled (Coinbase purges a canceled order without
     * fills), so that {@link #find} of an order it had accepted may later answer empty: then that order ended unfilled.
     */
    default boolean forgetsUnfilledOrders() {
        return false;
    }

    /** The fills of one order ({@link ExchangeOrder#orderId}, as the exchange gave it), oldest first. */
    List<ExchangeFill> fills(String symbol, String orderId);

    /**
     * The id a fill of this exchange was stored under in {@code live_fills} before trade ids were kept as sent (V18),
     * when that differs from {@code tradeId} (Kraken's hashed text ids): such a stored fill is the same trade, never a
     * new one. Empty where ids were already stored as sent (Binance's and Coinbase's numbers).
     */
    default Optional<String> formerTradeId(String tradeId) {
        return Optional.empty();
    }

    /** The account's balances of every asset it holds (free or locked above zero). */
    List<Balance> balances();

    /**
     * The price of a BASE/QUOTE market at {@code time} (UTC epoch ms), exact as the exchange sent it: the open of its
     * one-minute candle holding that time, the same whenever it is asked. How a commission charged in a third asset
     * (Binance's BNB) is valued in the quote currency. {@link OrderApiException} when it is not answered.
     */
    BigDecimal priceAt(String symbol, long time);
}
