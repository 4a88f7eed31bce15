package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.metrics.JobMetrics;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * What every job records about its runs, as one listener: which process runs it (heartbeats), the
 * user-facing failure message as its exit description, one log line per run, and the run in the job metrics.
 */
@Component
public class JobRecords implements JobExecutionListener {

    private final Heartbeats heartbeats;
    private final FailureMessages failureMessages;
    private final RunLog runLog;
    private final JobMetrics metrics;

    JobRecords(Heartbeats heartbeats, FailureMessages failureMessages, RunLog runLog, JobMetrics metrics) {
        this.heartbeats = heartbeats;
        this.failureMessages = failureMessages;
        this.runLog = runLog;
        this.metrics = metrics;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        heartbeats.beforeJob(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        failureMessages.afterJob(execution);
        runLog.afterJob(execution);
        metrics.afterJob(execution);
        heartbeats.afterJob(execution);
    }
}
