package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What a backfill did: there was nothing to backfill, or how the start of its job ended. */
public sealed interface BackfillResult {

    /**
     * Whether the backfill did what was asked or had nothing to do: the command's exit code 0, and what lets the
     * scheduler evaluate the strategies trading the series next.
     */
    default boolean succeeded() {
        return switch (this) {
            case NothingToBackfill n -> true;
            case AlreadyCompleted a -> true;
            case AlreadyRunning a -> false;
            case NotStarted n -> false;
            case Ran r -> r.run().completed();
        };
    }

    /** How the asked range was moved to what the exchange still serves, if it was. */
    Optional<Clipped> clipped();

    /**
     * What a backfill run covers: the series' closed candles {@code [from, to)} (UTC epoch ms open times), or the
     * candles of a file imported into the series.
     */
    record Target(MarketKey market, long from, long to, Optional<Path> file) {

        /** {@code backfill binance BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-03-01T00:00:00Z)}, or {@code import F as M}. */
        @Override
        public String toString() {
            return file.map(f -> "import " + f + " as " + market)
                    .orElseGet(() -> "backfill " + market + " [" + iso(from) + ", " + iso(to) + ")");
        }
    }

    /**
     * The range asked for began before the oldest candle the exchange serves ({@code earliest}): it was covered
     * from there instead.
     *
     * @param askedFrom the {@code --from} given; empty when the range began at the default history
     * @param to        the end of the range asked for
     */
    record Clipped(String exchange, Timeframe timeframe, OptionalLong askedFrom, long earliest, long to) {
    }

    /** The series is stored up to its last closed candle, or has none in the range: nothing was started. */
    record NothingToBackfill(MarketKey market, OptionalLong storedUpTo, Optional<Clipped> clipped)
            implements BackfillResult {
    }

    /** An earlier run with the same parameters completed: nothing was started. */
    record AlreadyCompleted(Target target, Optional<Clipped> clipped) implements BackfillResult {
    }

    /** A live process runs a backfill with the same parameters. */
    record AlreadyRunning(Target target, Optional<Clipped> clipped) implements BackfillResult {
    }

    /** Spring Batch refused to start the job, for {@code reason}. */
    record NotStarted(Target target, Optional<Clipped> clipped, String reason) implements BackfillResult {
    }

    /**
     * The job ran: completed, stopped at a chunk boundary, or failed.
     *
     * @param counts what its step fetched and stored; empty when it has no step execution
     */
    record Ran(Target target, Optional<Clipped> clipped, Optional<BackfillSummary> counts, JobRun run)
            implements BackfillResult {
    }
}
