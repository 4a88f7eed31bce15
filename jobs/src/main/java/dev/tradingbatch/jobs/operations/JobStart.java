package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.job.JobExecution;

import java.util.Optional;

/** How a start of a job through {@link JobLaunches} ended: it ran, or why nothing was started. */
public sealed interface JobStart {

    /**
     * The job ran to its end in this thread, whatever its status.
     *
     * @param recovered the run of the same job instance, left by a process that is gone, which was marked FAILED
     *                  and is continued by this one
     */
    record Ran(JobExecution execution, Optional<StaleExecutions.Recovered> recovered) implements JobStart {

        /** The execution as results carry it. */
        public JobRun run() {
            return new JobRun(execution.getId(), execution.getStatus(), execution.getExitStatus().getExitDescription(),
                    recovered);
        }
    }

    /** The job instance completed in an earlier run: nothing was started. */
    record AlreadyCompleted(String message) implements JobStart {
    }

    /** A live process runs the same job instance right now. */
    record AlreadyRunning(String message) implements JobStart {
    }

    /** Spring Batch refused the start: the instance may not be restarted, or the parameters are invalid. */
    record Refused(String message) implements JobStart {
    }
}
