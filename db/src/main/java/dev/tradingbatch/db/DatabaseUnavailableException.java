package dev.tradingbatch.db;

/** The configured database cannot be opened or written; the message names it. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
