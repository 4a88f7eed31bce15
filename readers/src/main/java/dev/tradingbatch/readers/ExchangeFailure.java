package dev.tradingbatch.readers;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a failed exchange request is worth sending again, as the source that sent it judged:
 * never (a bad request, an unknown symbol), after a backoff (5xx, timeouts, a cut or garbled body),
 * or when the exchange says (429 and 418, with the wait from their Retry-After header if sent).
 */
public sealed interface ExchangeFailure {

    /** The same request would fail the same way. */
    record Permanent() implements ExchangeFailure {
    }

    /** The exchange or the network had trouble; the same request may well succeed later. */
    record Temporary() implements ExchangeFailure {
    }

    /** The exchange refused because too many requests were sent; {@code retryAfter} is its own wait, if it sent one. */
    record Throttled(Optional<Duration> retryAfter) implements ExchangeFailure {

        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
            retryAfter.ifPresent(d -> {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative retryAfter " + d);
                }
            });
        }
    }

    static ExchangeFailure permanent() {
        return new Permanent();
    }

    static ExchangeFailure temporary() {
        return new Temporary();
    }

    static ExchangeFailure throttled(Optional<Duration> retryAfter) {
        return new Throttled(retryAfter);
    }

    default boolean retryable() {
        return !(this instanceof Permanent);
    }
}
