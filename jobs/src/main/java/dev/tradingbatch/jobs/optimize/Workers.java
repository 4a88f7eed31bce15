package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.BadInputException;

import java.util.Locale;

/**
 * Where a sweep's partitions run: {@code local} threads of the process that started it, or {@code remote}
 * {@code run --role sweep-worker} processes that take them from a RabbitMQ queue ({@link RemotePartitions}). Either
 * computes the same rows: a sweep's identity does not include it, and a remote sweep that failed may be continued
 * locally and the other way round.
 */
public enum Workers {
    LOCAL, REMOTE;

    /** The job parameter naming it (not identifying). */
    static final String PARAMETER = "workers";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code local} or {@code remote}; null: local. */
    public static Workers parse(String text) {
        if (text == null) {
            return LOCAL;
        }
        for (Workers w : values()) {
            if (w.code().equals(text)) {
                return w;
            }
        }
        throw new BadInputException("--workers '" + text + "' is not local or remote");
    }
}
