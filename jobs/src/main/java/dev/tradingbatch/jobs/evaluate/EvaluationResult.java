package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.TradeRow;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code evaluate} did for one strategy: evaluated the candles closed since its last evaluation, found
 * nothing new, refused to trade on a partial series (the candle not stored yet, too little history, an open
 * gap), or could not run. Times are candle open times, UTC epoch ms.
 */
public sealed interface EvaluationResult {

    DeclaredStrategy strategy();

    /**
     * Whether the evaluation did its work or had none to do (a partial series waits for the backfill): the
     * command's exit code 0.
     */
    default boolean succeeded() {
        return switch (this) {
            case Evaluated e -> true;
            case NothingNew n -> true;
            case CandleNotStored c -> true;
            case NotEnoughHistory n -> true;
            case OpenGaps o -> true;
            case AlreadyRunning a -> false;
            case NotStarted n -> false;
            case Failed f -> false;
        };
    }

    /**
     * The job ran and completed.
     *
     * @param through   the newest closed candle, the last one evaluated
     * @param evaluated candles evaluated that no earlier evaluation had
     * @param trades    the trades this run stored, oldest first
     * @param open      the position left open, if any
     */
    record Evaluated(DeclaredStrategy strategy, long through, int evaluated, List<TradeRow> trades,
                     Optional<TradeRow> open, JobRun run) implements EvaluationResult {
    }

    /** Every closed candle up to {@code evaluatedThrough} was evaluated already. */
    record NothingNew(DeclaredStrategy strategy, long evaluatedThrough) implements EvaluationResult {
    }

    /** The newest closed candle, {@code through}, is not stored yet: nothing was evaluated. */
    record CandleNotStored(DeclaredStrategy strategy, long through, OptionalLong newestStored)
            implements EvaluationResult {
    }

    /**
     * The warm-up history before {@code first} is not stored: candles are stored from {@code firstStored}, the
     * evaluation needs them from {@code loadFrom}.
     */
    record NotEnoughHistory(DeclaredStrategy strategy, long first, long firstStored, long loadFrom)
            implements EvaluationResult {
    }

    /** {@code count} open gaps lie in the candles the evaluation needs, the oldest {@code first}. */
    record OpenGaps(DeclaredStrategy strategy, int count, Gap first) implements EvaluationResult {
    }

    /** A live process evaluates the candle {@code through} right now. */
    record AlreadyRunning(DeclaredStrategy strategy, long through) implements EvaluationResult {
    }

    /** The job could not start, for {@code reason}. */
    record NotStarted(DeclaredStrategy strategy, String reason) implements EvaluationResult {
    }

    /** The job ran and did not complete. */
    record Failed(DeclaredStrategy strategy, JobRun run) implements EvaluationResult {
    }
}
