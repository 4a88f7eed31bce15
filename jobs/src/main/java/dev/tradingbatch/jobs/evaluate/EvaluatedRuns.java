package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A strategy's live ledger as its completed evaluations recorded it: a sequence of segments, each exactly a replay
 * from its first candle with the position it carried in, and why each one after the first started
 * ({@link EvaluateService}'s restart reasons, read back from the runs' execution contexts). Read only: {@code drift}.
 */
@Component
public class EvaluatedRuns {

    private final ExecutionLookup executions;

    EvaluatedRuns(ExecutionLookup executions) {
        this.executions = executions;
    }

    /**
     * Candles {@code first} through {@code last} (open times, UTC epoch ms) evaluated as one replay.
     *
     * @param carried     open time of the buy whose position was carried into the segment, if one was
     * @param restart     why it started after the segment before it; empty for the first
     * @param declaration {@link DeclaredStrategy#identity()} it ran under (null when recorded by a version without it)
     */
    public record Segment(long first, long last, OptionalLong carried, Optional<EvaluationResult.Restart.Why> restart,
                          String declaration) {
    }

    /** The strategy's segments, oldest first; none before its first completed evaluation. */
    public List<Segment> segments(String strategyId) {
        List<ExecutionContext> runs = new ArrayList<>(executions.all(JobNames.EVALUATE_STRATEGY_JOB,
                        Map.of("strategy", strategyId), BatchStatus.COMPLETED).stream()
                .map(e -> e.getExecutionContext())
                .filter(c -> c.containsKey(EvaluateJobConfiguration.FIRST) && c.containsKey(EvaluateJobConfiguration.LAST))
                .toList()).reversed();
        List<Segment> segments = new ArrayList<>();
        ExecutionContext previous = null;
        for (ExecutionContext run : runs) {
            long first = run.getLong(EvaluateJobConfiguration.FIRST);
            long last = run.getLong(EvaluateJobConfiguration.LAST);
            if (previous != null && previous.getLong(EvaluateJobConfiguration.FIRST) == first) {
                Segment s = segments.removeLast();
                segments.add(new Segment(s.first(), last, s.carried(), s.restart(), s.declaration()));
            } else {
                OptionalLong carried = run.containsKey(EvaluateJobConfiguration.RESTORED)
                        ? OptionalLong.of(run.getLong(EvaluateJobConfiguration.RESTORED)) : OptionalLong.empty();
                segments.add(new Segment(first, last, carried, previous == null ? Optional.empty()
                        : Optional.of(why(previous, run)), run.getString(EvaluateJobConfiguration.DECLARATION, null)));
            }
            previous = run;
        }
        return List.copyOf(segments);
    }

    /** Why {@code run} started a new segment after {@code previous}: what {@link EvaluateService#run} compared. */
    private static EvaluationResult.Restart.Why why(ExecutionContext previous, ExecutionContext run) {
        if (run.containsKey(EvaluateJobConfiguration.RESTART)) {
            return EvaluationResult.Restart.Why.valueOf(run.getString(EvaluateJobConfiguration.RESTART));
        }
        if (!same(previous, run, EvaluateJobConfiguration.DECLARATION)
                || !same(previous, run, EvaluateJobConfiguration.PARAMS)) {
            return EvaluationResult.Restart.Why.DECLARATION_CHANGED;
        }
        return same(previous, run, EvaluateJobConfiguration.RULES) ? EvaluationResult.Restart.Why.HISTORY_CHANGED
                : EvaluationResult.Restart.Why.RULES_CHANGED;
    }

    private static boolean same(ExecutionContext a, ExecutionContext b, String key) {
        return java.util.Objects.equals(a.getString(key, null), b.getString(key, null));
    }
}
