package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A market order to send: a buy spends {@code quoteQuantity} of the quote currency, a sell sells
 * {@code quantity} of the base asset. The client order id is ours, chosen before sending, so the exchange can
 * be asked for it when a send's outcome is unknown.
 *
 * @param symbol        BASE/QUOTE, e.g. BTC/USDT
 * @param clientOrderId 1 to 36 of letters, digits, - and _ (Binance's rule)
 */
public record MarketOrder(String symbol, Side side, BigDecimal quantity, BigDecimal quoteQuantity,
                          String clientOrderId) {

    private static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9_-]{1,36}");

    public MarketOrder {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if ((quantity == null) == (quoteQuantity == null)) {
            throw new IllegalArgumentException("a market order gives quantity or quoteQuantity, not both");
        }
        if ((quantity != null ? quantity : quoteQuantity).signum() <= 0) {
            throw new IllegalArgumentException("an order's quantity must be > 0");
        }
        if (clientOrderId == null || !CLIENT_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException("client order id must be 1 to 36 of a-z, A-Z, 0-9, - and _, was '"
                    + clientOrderId + "'");
        }
    }

    /** Sells {@code quantity} of the base asset. */
    public static MarketOrder sell(String symbol, BigDecimal quantity, String clientOrderId) {
        return new MarketOrder(symbol, Side.SELL, quantity, null, clientOrderId);
    }

    /** Buys for {@code quoteQuantity} of the quote currency. */
    public static MarketOrder buyFor(String symbol, BigDecimal quoteQuantity, String clientOrderId) {
        return new MarketOrder(symbol, Side.BUY, null, quoteQuantity, clientOrderId);
    }
}
