package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * A row of {@code live_orders}: an order a live strategy decided, from its intent to the exchange's answer.
 *
 * @param status        intent (not yet known to be on the exchange), unknown (sent, outcome unknown), accepted, rejected
 * @param quantity      a sell's base quantity; null for a buy; zero for a sell decided while the strategy's buy before it
 *                      was not settled yet, sized from its ledger once that buy is ({@link #sizedAtSend()})
 * @param quoteQuantity a buy's quote amount; null for a sell
 * @param sends         send requests made so far
 * @param modelPrice    the price the paper model gave the signal (close moved against the trader by the slippage):
 *                      beside the real fills' average, the execution slippage; null for an order decided without it
 */
public record LiveOrder(String clientOrderId, String strategyId, String account, String symbol, Side side,
                        long candleTime, BigDecimal quantity, BigDecimal quoteQuantity, String status,
                        String exchangeOrderId, String exchangeStatus, BigDecimal executedQuantity,
                        BigDecimal executedQuote, String reason, int sends, long createdAt, long updatedAt,
                        BigDecimal modelPrice) {

    public static final String INTENT = "intent";
    public static final String UNKNOWN = "unknown";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    /**
     * A sell whose quantity is not known yet: decided while a buy of its strategy had not settled (its fills not
     * applied), so that what it sells is what the strategy holds once that buy is in its ledger. Never sent as it is.
     */
    public boolean sizedAtSend() {
        return side == Side.SELL && quantity != null && quantity.signum() == 0;
    }

    /** What it asks for, e.g. {@code 100 USDT} (a buy's quote amount) or {@code 0.0024 BTC} (a sell's quantity). */
    public String requested() {
        int slash = symbol.indexOf('/');
        if (quoteQuantity != null) {
            return MarketRules.plain(quoteQuantity) + " " + symbol.substring(slash + 1);
        }
        return sizedAtSend() ? "what it holds once its buy settles" : MarketRules.plain(quantity) + " "
                + symbol.substring(0, slash);
    }

    /** What the exchange executed, e.g. {@code 0.0024 BTC for 100 USDT}; {@code -} before it says. */
    public String executed() {
        if (executedQuantity == null) {
            return "-";
        }
        int slash = symbol.indexOf('/');
        return MarketRules.plain(executedQuantity) + " " + symbol.substring(0, slash)
                + (executedQuote == null ? "" : " for " + MarketRules.plain(executedQuote) + " " + symbol.substring(slash + 1));
    }

    /** A new intent, not yet sent. */
    public static LiveOrder intent(String clientOrderId, String strategyId, String account, String symbol, Side side,
                                   long candleTime, BigDecimal quantity, BigDecimal quoteQuantity, long now) {
        return intent(clientOrderId, strategyId, account, symbol, side, candleTime, quantity, quoteQuantity, null, now);
    }

    /** A new intent, not yet sent, with the price the paper model gave its signal. */
    public static LiveOrder intent(String clientOrderId, String strategyId, String account, String symbol, Side side,
                                   long candleTime, BigDecimal quantity, BigDecimal quoteQuantity,
                                   BigDecimal modelPrice, long now) {
        return new LiveOrder(clientOrderId, strategyId, account, symbol, side, candleTime, quantity, quoteQuantity,
                INTENT, null, null, null, null, null, 0, now, now, modelPrice);
    }
}
