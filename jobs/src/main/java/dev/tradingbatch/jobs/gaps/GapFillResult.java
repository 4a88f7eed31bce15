package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.model.MarketKey;

import java.util.Optional;

/** What {@code backfill --fill-gaps} did for one series: nothing to fill, or how the start of its job ended. */
public sealed interface GapFillResult {

    MarketKey market();

    /** Whether the fill did what was asked or had nothing to do: the command's exit code 0. */
    default boolean succeeded() {
        return switch (this) {
            case NothingStored n -> true;
            case NoGaps n -> true;
            case AlreadyRunning a -> false;
            case NotStarted n -> false;
            case Ran r -> r.run().completed();
        };
    }

    /** The series has no candle stored: there is nothing to fill between. */
    record NothingStored(MarketKey market) implements GapFillResult {
    }

    /** No open gap in the range that the exchange still serves. */
    record NoGaps(MarketKey market) implements GapFillResult {
    }

    /** A live process runs a gap fill of the series. */
    record AlreadyRunning(MarketKey market) implements GapFillResult {
    }

    /**
     * The job could not start, for {@code reason}.
     *
     * @param continuing whether it was to continue an unfinished fill of the same series and range
     */
    record NotStarted(MarketKey market, boolean continuing, String reason) implements GapFillResult {
    }

    /**
     * The job ran: completed or failed.
     *
     * @param continuing whether it continued an unfinished fill of the same series and range
     * @param counts     what its fill step fetched and stored; empty when the step did not run
     * @param asks       what the asks came to ({@code 2 ranges asked: 1 filled, ...}); empty when not recorded
     */
    record Ran(MarketKey market, boolean continuing, Optional<BackfillSummary> counts, Optional<String> asks,
               JobRun run) implements GapFillResult {
    }
}
