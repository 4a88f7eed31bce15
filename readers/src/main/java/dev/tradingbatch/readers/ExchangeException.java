package dev.tradingbatch.readers;

import java.util.Objects;

/**
 * A request to an exchange failed; the message names the exchange, the request's range and the
 * cause on one line. {@link #failure()} says whether sending the request again may help.
 */
public class ExchangeException extends RuntimeException {

    private final ExchangeFailure failure;

    /** A failure that repeating the request would not cure. */
    public ExchangeException(String message, Throwable cause) {
        this(message, cause, ExchangeFailure.permanent());
    }

    public ExchangeException(String message, Throwable cause, ExchangeFailure failure) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public ExchangeFailure failure() {
        return failure;
    }
}
