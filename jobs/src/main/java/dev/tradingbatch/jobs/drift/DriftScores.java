package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.jobs.operations.JobStart;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * Runs {@code driftJob}: the drift of the strategies given (every declared one when none is) computed as
 * {@code drift --strategy ID} computes it and stored in {@code drift_scores}, where the metrics, the dashboard and
 * the drift alert read it. What {@code run} fires every {@code trading.drift.interval} and {@code drift --all} runs.
 * Each run is a job instance of its own (identified by the strategies and the wall-clock time it started): a failed
 * one is continued by {@code jobs restart}, the next scheduled one starts afresh.
 */
@Service
public class DriftScores {

    /**
     * What a run came to.
     *
     * @param run        the job run, empty when it could not start ({@code notStarted} says why)
     * @param lines      one per strategy: its score, or why it was not computed
     * @param stored     how many strategies' scores were stored
     * @param drifting   of those, how many have a score above 0
     */
    public record Outcome(Optional<JobRun> run, Optional<String> notStarted, List<String> lines, int stored,
                          int drifting) {

        /** Completed, and no strategy drifts: exit code 0. */
        public boolean clean() {
            return run.map(JobRun::completed).orElse(false) && drifting == 0;
        }
    }

    private final JobLaunches launches;
    private final Job job;

    DriftScores(JobLaunches launches, @Qualifier(JobNames.DRIFT_JOB) Job job) {
        this.launches = launches;
        this.job = job;
    }

    /** Computes and stores the drift of the strategies given, or of every declared one when the list is empty. */
    public Outcome compute(List<String> strategyIds) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addLong("started", System.currentTimeMillis());   // wall clock: a new run each time, whatever trading.now says
        if (!strategyIds.isEmpty()) {
            parameters.addString(DriftScoresTasklet.STRATEGIES, String.join(",", strategyIds));
        }
        JobStart start = launches.start(job, parameters.toJobParameters());
        return switch (start) {
            case JobStart.Ran ran -> new Outcome(Optional.of(ran.run()), Optional.empty(),
                    DriftScoresTasklet.lines(ran.execution().getExecutionContext()),
                    ran.execution().getExecutionContext().getInt(DriftScoresTasklet.STORED, 0),
                    ran.execution().getExecutionContext().getInt(DriftScoresTasklet.DRIFTING, 0));
            case JobStart.AlreadyRunning r -> notStarted("a drift computation of these strategies runs already");
            case JobStart.AlreadyCompleted c -> notStarted(c.message());
            case JobStart.Refused r -> notStarted(r.message());
        };
    }

    private static Outcome notStarted(String why) {
        return new Outcome(Optional.empty(), Optional.of(why), List.of(), 0, 0);
    }
}
