package dev.tradingbatch.jobs.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
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
        String counts = e.getStepExecutions().stream().map(StepExecution::getExitStatus)
                .map(s -> ExecutionText.firstLine(s.getExitDescription())).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
        String line = e.getJobInstance().getJobName() + " " + ExecutionText.parameters(e.getJobParameters()) + " "
                + e.getStatus() + " in " + ExecutionText.duration(e).strip() + (counts.isEmpty() ? "" : ": " + counts)
                + " (execution " + e.getId() + ")";
        if (e.getStatus().isUnsuccessful()) {
            log.warn("{}: {}", line, ExecutionText.firstLine(e.getExitStatus().getExitDescription()));
        } else {
            log.info("{}", line);
        }
    }
}
