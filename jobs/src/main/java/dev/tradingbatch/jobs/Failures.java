package dev.tradingbatch.jobs;

import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.UnknownSymbolException;

/** What a user is told when something failed. */
public final class Failures {

    private Failures() {
    }

    /**
     * An exchange's own failure (it names exchange, request and cause) rather than the Spring Batch
     * or Spring wrappers around it; anything else by its root cause.
     */
    public static String message(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExchangeException || t instanceof UnknownSymbolException) {
                return t.getMessage();
            }
            deepest = t;
        }
        return deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
    }
}
