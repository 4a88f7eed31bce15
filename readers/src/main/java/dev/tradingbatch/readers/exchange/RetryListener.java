package dev.tradingbatch.readers.exchange;

import java.time.Duration;

/**
 * Told about every wait {@link ResilientCandleSource} is about to make, so that a job can log it
 * and show it in its progress. Called on the reading thread, before the wait; keep it quick.
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
}
