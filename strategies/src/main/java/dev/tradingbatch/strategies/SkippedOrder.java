package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Side;

import java.time.Instant;

/**
 * A signal that made no order, because the exchange would refuse it (below the market's minimum quantity or
 * notional, or less than one amount step): what a run reports so that a missing trade is explained.
 *
 * @param candleTime open time of the candle whose signal it was, UTC epoch ms
 * @param reason     in words, with the values compared
 */
public record SkippedOrder(long candleTime, Side side, String reason) {

    /** e.g. {@code 2024-01-01T05:00:00Z buy skipped: quantity 0.006 at 50000 is below the minimum order size 0.01}. */
    public String line() {
        return Instant.ofEpochMilli(candleTime) + " " + side.code() + " skipped: " + reason;
    }
}
