package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.TradeRow;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * What {@code evaluate} did for one strategy: evaluated the candles closed since its last evaluation, found
 * nothing new, refused to trade on a partial series (the candle not stored yet, too little history, an open
 * gap), found it halted, or could not run. Times are candle open times, UTC epoch ms.
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
            case Halted h -> true;
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
     * @param restart   why this evaluation did not continue the previous one's segment, if it did not
     * @param skipped   a live strategy's orders (what the exchange did with each), then the signals on the new
     *                  candles that made no order, each with why (the market's minimums; a sell of nothing held)
     */
    record Evaluated(DeclaredStrategy strategy, long through, int evaluated, List<TradeRow> trades,
                     Optional<TradeRow> open, Optional<Restart> restart, JobRun run, List<String> skipped)
            implements EvaluationResult {
    }

    /**
     * A new segment of evaluation, from the position the ledger holds.
     *
     * @param lastEvaluated the candle the previous evaluation ended on
     * @param first         the first candle of the new segment
     * @param lateCandles   candles stored since then inside what was evaluated (for {@link Why#HISTORY_CHANGED})
     */
    record Restart(Why why, long lastEvaluated, long first, long lateCandles) {

        /** What happened and what the evaluation does about it, in one phrase. */
        public String text() {
            return switch (why) {
                case DECLARATION_CHANGED -> "its declaration changed since the evaluation up to the candle of "
                        + iso(lastEvaluated) + ": evaluating again from the candle of " + iso(first)
                        + ", with the position the ledger holds";
                case HISTORY_CHANGED -> lateCandles + (Math.abs(lateCandles) == 1 ? " candle was" : " candles were")
                        + " stored late inside the candles evaluated up to " + iso(lastEvaluated)
                        + ": the trades recorded stay as they are; evaluating on from the candle of " + iso(first)
                        + ", with the position the ledger holds";
                case RULES_CHANGED -> "the market's order rules (step, minimums) changed since the evaluation up to"
                        + " the candle of " + iso(lastEvaluated) + ": the trades recorded stay as they are; evaluating"
                        + " again from the candle of " + iso(first) + ", with the position the ledger holds";
                case CLOSED -> "halt --close sold the position after the evaluation up to the candle of "
                        + iso(lastEvaluated) + ": evaluating on, flat, from the candle of " + iso(first)
                        + " (the one in progress at the halt); the candles between are not traded on";
            };
        }

        public enum Why {
            /** The strategy's type, market, parameters or fill settings changed. */
            DECLARATION_CHANGED,
            /** Candles were stored (a file import, a gap filled) inside the range already evaluated. */
            HISTORY_CHANGED,
            /** The exchange published other order rules for the market (its step or minimums). */
            RULES_CHANGED,
            /** {@code halt --close} sold the position after the last candle evaluated. */
            CLOSED
        }
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

    /**
     * The strategy is halted ({@code halt}): nothing was evaluated. A halt is what a person asked for, not a
     * failure: exit code 0.
     */
    record Halted(DeclaredStrategy strategy, StrategyHalt halt) implements EvaluationResult {
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
