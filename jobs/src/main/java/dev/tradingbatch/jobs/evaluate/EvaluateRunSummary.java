package dev.tradingbatch.jobs.evaluate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import java.util.stream.Collectors;

/**
 * A completed evaluation's exit description is its steps' summaries, {@code 1 candle evaluated, 1 order to send; 1
 * accepted, 0 rejected, 1 trade from the exchange's fills}, not only its last step's (Spring Batch's default): what
 * {@code jobs list} shows. A paper run's send step says nothing, so its summary stays the evaluation's.
 */
class EvaluateRunSummary implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        String summary = execution.getStepExecutions().stream().map(StepExecution::getExitStatus)
                .map(ExitStatus::getExitDescription).filter(d -> d != null && !d.isBlank())
                .collect(Collectors.joining("; "));
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), summary));
    }
}
