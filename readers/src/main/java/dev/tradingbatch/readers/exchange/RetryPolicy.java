package dev.tradingbatch.readers.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed exchange request is sent again: at most {@code maxAttempts}
 * requests in all; between them the exchange's Retry-After when it sent one, otherwise a backoff
 * that starts at {@code initialBackoff} and doubles up to {@code maxBackoff}. A Retry-After longer
 * than {@code maxRetryAfter} (Binance bans an IP for minutes up to days with 418) is not waited
 * out: the request fails at once. A wrong value is named by its configuration key ({@code max-attempts}).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 5 attempts, backoff 1, 2, 4, 8 s (at most 60 s), Retry-After honoured up to 15 minutes. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15));

    /** One attempt, no waiting: what the sources did before faults were retried. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
        }
        nonNegative(initialBackoff, "initial-backoff");
        nonNegative(maxBackoff, "max-backoff");
        nonNegative(maxRetryAfter, "max-retry-after");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max-backoff " + maxBackoff + " is shorter than initial-backoff " + initialBackoff);
        }
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based): initial × 2^(n-1), at most maxBackoff. */
    public Duration backoff(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
