package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;

/** {@code --strategy ID} or {@code --all}, exactly one of them ({@code halt}, {@code resume}). */
final class StrategyTarget {

    private StrategyTarget() {
    }

    static void check(String strategy, boolean all) {
        if (strategy == null && !all) {
            throw new BadInputException("give --strategy ID or --all");
        }
        if (strategy != null && all) {
            throw new BadInputException("give --strategy ID or --all, not both");
        }
    }
}
