package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.StrategyHalt;

import static dev.tradingbatch.model.OpenTimes.iso;

/** How a halt reads wherever it is printed or logged: the command's, the scheduler's and the report's lines. */
public final class HaltText {

    private HaltText() {
    }

    /** {@code halted since 2026-12-02T15:00:00Z by halt --all (reason: exchange maintenance)}. */
    public static String of(StrategyHalt h) {
        return "halted since " + iso(h.haltedAt()) + " by halt " + (h.all() ? "--all" : "--strategy " + h.strategyId())
                + h.reason().map(r -> " (reason: " + r + ")").orElse(" (no reason given)");
    }

    /** The command that lifts it: {@code resume --all} or {@code resume --strategy ID}. */
    public static String resume(StrategyHalt h) {
        return "resume " + (h.all() ? "--all" : "--strategy " + h.strategyId());
    }
}
