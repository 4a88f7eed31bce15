package dev.tradingbatch.readers.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How much an exchange lets one IP ask: at most {@code limit} weight within any {@code window},
 * each candle request weighing {@code requestWeight}. Enforced by {@link WeightedRateLimiter}; each
 * exchange's own is in {@link Exchanges}. A wrong value is named by its configuration key.
 */
public record RateBudget(long limit, Duration window, long requestWeight) {

    public RateBudget {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (requestWeight < 1 || requestWeight > limit) {
            throw new IllegalArgumentException("request-weight must be between 1 and the limit " + limit + ", was " + requestWeight);
        }
    }
}
