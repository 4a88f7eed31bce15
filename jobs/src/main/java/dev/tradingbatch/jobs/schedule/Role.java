package dev.tradingbatch.jobs.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a service process does: backfill the configured markets, trade its strategies, or both; or, as a
 * {@code sweep-worker}, nothing scheduled but the partitions of remote sweeps it takes from RabbitMQ.
 */
public enum Role {
    ALL, BACKFILLER, TRADER, SWEEP_WORKER;

    boolean backfills() {
        return this == ALL || this == BACKFILLER;
    }

    boolean trades() {
        return this == ALL || this == TRADER;
    }

    /** As {@code --role} takes it: {@code all}, {@code backfiller}, {@code trader}, {@code sweep-worker}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role named {@code text} (case aside, {@code sweep_worker} too); {@link IllegalArgumentException} otherwise. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.code().equalsIgnoreCase(text.replace('_', '-'))) {
                return r;
            }
        }
        throw new IllegalArgumentException("expected one of "
                + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }
}
