package dev.tradingbatch.jobs.schedule;

/** What a service process does: backfill the configured markets, trade its strategies, or both. */
public enum Role {
    ALL, BACKFILLER, TRADER;

    boolean backfills() {
        return this != TRADER;
    }

    boolean trades() {
        return this != BACKFILLER;
    }
}
