package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.Failures;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Replaces the stack trace Spring Batch keeps as a failed job's exit description with the one line
 * a user is shown (exchange, range, last error), so {@code jobs list} and {@code jobs show} read well.
 */
@Component
public class FailureMessages implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.FAILED) {
            execution.getAllFailureExceptions().stream().findFirst().ifPresent(e ->
                    execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), Failures.message(e))));
        }
    }
}
