package dev.tradingbatch.jobs;

import dev.tradingbatch.model.OpenTimes;

/** A {@code --from} or {@code --to} as commands take it: a date, a time or epoch ms ({@link OpenTimes#parse}). */
public final class TimeOption {

    private TimeOption() {
    }

    /** The time {@code text} says, UTC epoch ms; bad input naming {@code option} when it says none. */
    public static long parse(String option, String text) {
        try {
            return OpenTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + " " + e.getMessage());
        }
    }
}
