package dev.tradingbatch.readers;

/** A request to an exchange failed; the message names the exchange, the request's range and the cause. */
public class ExchangeException extends RuntimeException {

    public ExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
