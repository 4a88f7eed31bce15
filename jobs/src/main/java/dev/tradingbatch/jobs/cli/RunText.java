package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.jobs.operations.StaleExecutions;

import java.util.Optional;

/** The pieces every command that starts a job prints about its run. */
final class RunText {

    private RunText() {
    }

    /** {@code execution 4 was left STARTED: ...; restarting it}, when the run continued one of a dead process. */
    static Optional<String> continued(Optional<StaleExecutions.Recovered> recovered) {
        return recovered.map(StaleExecutions.Recovered::restarting);
    }

    /** {@code execution 1 of backfillCandlesJob was left STARTED: ...}, for each run {@code jobs} recovered. */
    static String recovered(StaleExecutions.Recovered r) {
        return "execution " + r.executionId() + " of " + r.jobName() + " was left " + r.status() + ": " + r.reason();
    }

    /** {@code  (COMPLETED, execution 12)}. */
    static String status(JobRun run) {
        return " (" + run.status() + ", execution " + run.executionId() + ")";
    }

    /** {@code failed: ...}: why a run did not complete. */
    static String failed(String exitDescription) {
        return "failed: " + exitDescription;
    }
}
