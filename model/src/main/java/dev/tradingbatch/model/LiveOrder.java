package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * A row of {@code live_orders}: an order a live strategy decided, from its intent to the exchange's answer.
 *
 * @param status        intent (not yet known to be on the exchange), unknown (sent, outcome unknown), accepted, rejected
 * @param quantity      a sell's base quantity; null for a buy
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
