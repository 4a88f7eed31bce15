package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.step.tasklet.Tasklet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code driftScoresStep}: computes each strategy's drift through {@link DriftService} (what {@code drift --strategy
 * ID} prints) and stores it in {@code drift_scores}, replacing the one before; one strategy per call, so that every
 * strategy done is recorded in the step's context and a restart goes on with the next one. A strategy with nothing
 * to compare yet (never evaluated, its warm-up not stored) is skipped with the reason; any other failure fails the
 * step.
 */
class DriftScoresTasklet implements Tasklet {

    /** Job parameter: the strategy ids, comma-separated; without it, every declared strategy. */
    static final String STRATEGIES = "strategies";
    /** Step context: how many of the run's strategies are done; its lines so far. Job context: the lines at the end. */
    static final String DONE = "drift.done";
    static final String LINES = "drift.lines";
    static final String STORED = "drift.stored";
    static final String DRIFTING = "drift.drifting";

    private final DriftService drift;
    private final DeclaredStrategies declared;
    private final DriftScoreRepository scores;
    private final Clock clock;

    DriftScoresTasklet(DriftService drift, DeclaredStrategies declared, DriftScoreRepository scores, Clock clock) {
        this.drift = drift;
        this.declared = declared;
        this.scores = scores;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        List<String> ids = ids(step.getJobParameters().getString(STRATEGIES, ""));
        ExecutionContext ctx = step.getExecutionContext();
        int done = ctx.getInt(DONE, 0);
        List<String> lines = new ArrayList<>(lines(ctx));
        int stored = ctx.getInt(STORED, 0);
        int drifting = ctx.getInt(DRIFTING, 0);
        if (done < ids.size()) {
            String id = ids.get(done);
            contribution.incrementReadCount();
            try {
                DriftReport r = drift.run(id, null, null);
                scores.put(score(r, clock.millis(), step.getJobExecutionId()));
                contribution.incrementWriteCount(1);
                stored++;
                drifting += r.drifted() ? 1 : 0;
                lines.add(id + ": drift score " + r.scorePercent().toPlainString() + " % (" + r.matched().size()
                        + " matched, " + r.onlyLive().size() + " only live, " + r.onlyReplay().size() + " only replay)");
            } catch (BadInputException nothingToCompare) {
                contribution.incrementFilterCount(1);
                lines.add(id + ": not computed, " + nothingToCompare.getMessage());
            }
            done++;
            // the step's context is what a restart goes on from; the job's is what the run reports, failed or not
            for (ExecutionContext c : List.of(ctx, step.getJobExecution().getExecutionContext())) {
                c.putInt(DONE, done);
                c.putInt(STORED, stored);
                c.putInt(DRIFTING, drifting);
                c.putString(LINES, String.join("\n", lines));
            }
        }
        if (done < ids.size()) {
            return RepeatStatus.CONTINUABLE;
        }
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(stored + " of " + ids.size()
                + (ids.size() == 1 ? " strategy" : " strategies") + " computed"));
        return RepeatStatus.FINISHED;
    }

    /** The strategies of a run: those named, or every declared one, in the order given (declared: by id). */
    private List<String> ids(String parameter) {
        return parameter.isBlank() ? declared.all().stream().map(DeclaredStrategy::id).sorted().toList()
                : Arrays.stream(parameter.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The row of a comparison. */
    static DriftScore score(DriftReport r, long computedAt, long jobExecutionId) {
        return new DriftScore(r.strategy().id(), computedAt, r.from(), r.to(), r.scorePercent(), r.matched().size(),
                r.onlyLive().size(), r.onlyReplay().size(), r.unmatched(DriftReport.Cause.Kind.MISSED),
                r.unmatched(DriftReport.Cause.Kind.OTHER_DECLARATION),
                r.unmatched(DriftReport.Cause.Kind.DIFFERENT_SIGNAL), r.meanPriceDifferenceBps(), r.meanSlippageBps(),
                r.newestUnmatched(), jobExecutionId);
    }

    /** The lines a run recorded, one per strategy. */
    static List<String> lines(ExecutionContext ctx) {
        String text = ctx.getString(LINES, "");
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
