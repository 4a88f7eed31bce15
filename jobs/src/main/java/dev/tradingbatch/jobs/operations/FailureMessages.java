package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.db.DatabaseCorrupt;
import dev.tradingbatch.db.DatabaseFull;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.jobs.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Replaces the stack trace Spring Batch keeps as a failed job's exit description with the one line
 * a user is shown (exchange, range, last error), so {@code jobs list} and {@code jobs show} read well.
 * <p>
 * A job that filled the database's disk says so in one line naming the database and the free space
 * ({@link DatabaseFull}), and ends FAILED, never UNKNOWN: each chunk commits its rows and its checkpoint in
 * one transaction of that database, so the failed chunk left nothing and the same command continues from the
 * last commit once there is room. A job that found the database file damaged (SQLITE_CORRUPT, SQLITE_NOTADB) says so
 * in one line naming the file and what to do ({@link DatabaseCorrupt}).
 */
@Component
public class FailureMessages implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(FailureMessages.class);

    private final JobRepository jobRepository;
    private final String url;

    FailureMessages(JobRepository jobRepository, DataSourceProperties properties) {
        this.jobRepository = jobRepository;
        this.url = properties.determineUrl();
    }

    @Override
    public void afterJob(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.UNKNOWN) {
            return;
        }
        if (execution.getAllFailureExceptions().stream().anyMatch(DatabaseFull::causedBy)) {
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), fullMessage()));
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.UNKNOWN) {
                    failed(step);
                }
            }
        } else if (status == BatchStatus.FAILED && execution.getAllFailureExceptions().stream()
                .anyMatch(DatabaseCorrupt::causedBy)) {
            String where = url.replaceFirst("\\?.*", "");
            execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(),
                    DatabaseCorrupt.message(where, SqliteUrls.isSqlite(url) ? SqliteUrls.file(url) : null)));
        } else if (status == BatchStatus.FAILED) {
            execution.getAllFailureExceptions().stream().findFirst().ifPresent(e ->
                    execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), Failures.message(e))));
        }
    }

    private String fullMessage() {
        boolean sqlite = SqliteUrls.isSqlite(url);
        String where = url.replaceFirst("\\?.*", "");
        return DatabaseFull.message(where, sqlite ? SqliteUrls.file(url) : null);
    }

    /** The step's UNKNOWN recorded as FAILED; if the disk is still full, restarting it does the same later. */
    private void failed(StepExecution step) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), fullMessage()));
        try {
            jobRepository.update(step);
        } catch (RuntimeException e) {
            log.warn("could not record step {} of execution {} as FAILED: {}", step.getStepName(),
                    step.getJobExecutionId(), Failures.message(e));
        }
    }
}
