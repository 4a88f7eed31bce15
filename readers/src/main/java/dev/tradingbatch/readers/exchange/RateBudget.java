package dev.tradingbatch.readers.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How much an exchange lets one IP ask: at most {@code limit} weight within any {@code window},
 * each candle request weighing {@code requestWeight}. Enforced by {@link WeightedRateLimiter}.
 */
public record RateBudget(long limit, Duration window, long requestWeight) {

    /** Binance: 6000 request weight per minute per IP; klines weigh 2 whatever the limit asked. */
    public static final RateBudget BINANCE = new RateBudget(6000, Duration.ofMinutes(1), 2);

    /** Coinbase Exchange public endpoints: 10 requests per second per IP. */
    public static final RateBudget COINBASE = new RateBudget(10, Duration.ofSeconds(1), 1);

    /** Kraken public endpoints: about one request per second. */
    public static final RateBudget KRAKEN = new RateBudget(1, Duration.ofSeconds(1), 1);

    public RateBudget {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (requestWeight < 1 || requestWeight > limit) {
            throw new IllegalArgumentException("requestWeight must be between 1 and the limit " + limit + ", was " + requestWeight);
        }
    }
}
