package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.BatchStatus;

import java.util.Optional;

/**
 * A job execution as it ended, as the services' results carry it.
 *
 * @param exitDescription Spring Batch's exit description: the failure's message when it did not complete
 * @param recovered       the run left by a process that is gone which this execution continued, if any
 */
public record JobRun(long executionId, BatchStatus status, String exitDescription,
                     Optional<StaleExecutions.Recovered> recovered) {

    public boolean completed() {
        return status == BatchStatus.COMPLETED;
    }
}
