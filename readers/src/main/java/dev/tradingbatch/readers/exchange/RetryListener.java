package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.readers.ExchangeFailure;

import java.time.Duration;

/**
 * Told about every wait {@link ResilientCandleSource} is about to make, so that a job can log it
 * and show it in its progress, and about every request it sends and every one that fails, so that the
 * service can count them (its metrics). Called on the reading thread; keep it quick.
 */
@FunctionalInterface
public interface RetryListener {

    RetryListener NONE = (exchange, attempt, delay, reason) -> { };

    /**
     * Request number {@code attempt} (1-based) failed with {@code reason} (the one-line failure
     * message) and will be sent again after {@code delay}.
     */
    void onRetry(String exchange, int attempt, Duration delay, String reason);

    /** The next request waits {@code delay} for room in the exchange's request budget. */
    default void onBudgetWait(String exchange, Duration delay) {
    }

    /** A request is about to be sent to the exchange: a first attempt or a retry. */
    default void onRequest(String exchange) {
    }

    /** A request failed so (before the decision to send it again or give up). */
    default void onFailure(String exchange, ExchangeFailure failure) {
    }
}
