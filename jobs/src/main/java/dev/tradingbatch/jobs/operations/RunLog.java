package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * One log line per job run: job, parameters, duration, counts and status, e.g.
 * {@code backfillCandlesJob binance BTC/USDT 1h [...) COMPLETED in 0.4s: 1 page fetched, 1 stored, ...}.
 */
@Component
public class RunLog implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunLog.class);

    @Override
    public void afterJob(JobExecution e) {
        // a completed step's exit description is its summary; a failed one's is a stack trace
        String counts = e.getStepExecutions().stream().filter(s -> s.getStatus() == BatchStatus.COMPLETED)
                .map(s -> ExecutionText.firstLine(s.getExitStatus().getExitDescription())).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
        String line = e.getJobInstance().getJobName() + " " + ExecutionText.parameters(e.getJobParameters()) + " "
                + e.getStatus() + " in " + ExecutionText.duration(e).strip() + (counts.isEmpty() ? "" : ": " + counts)
                + " (execution " + e.getId() + ")";
        if (e.getStatus().isUnsuccessful()) {
            log.warn("{}: {}", line, e.getAllFailureExceptions().stream().findFirst().map(Failures::message)
                    .orElse(ExecutionText.firstLine(e.getExitStatus().getExitDescription())));
        } else {
            log.info("{}", line);
        }
    }
}
