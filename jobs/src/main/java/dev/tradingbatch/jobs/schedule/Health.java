package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.ExecutionText;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code health}: whether a service of this role is doing its work. Each of its scheduled backfills
 * and evaluations must have a last run that COMPLETED within its window: two timeframes plus the
 * delay (and for an evaluation the wait for the candle). Gap fills are not checked (daily, and may
 * legitimately find nothing to do).
 */
@Service
public class Health {

    private final SchedulePlan plan;
    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final TradingProperties properties;

    Health(SchedulePlan plan, JobRepository jobRepository, DataSource dataSource, TradingProperties properties) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
    }

    /** The problems found; empty when healthy. */
    public List<String> problems(Role role, List<String> strategyIds) {
        List<String> problems = new ArrayList<>();
        for (PlannedRun run : plan.plan(role, strategyIds)) {
            switch (run.kind()) {
                case BACKFILL -> {
                    check(problems, run.name(), lastRun("backfillCandlesJob", "symbol", run.market().symbol(),
                            "exchange", run.market().exchange(), run.market().timeframe().code()), window(run, false));
                    run.strategies().forEach(id -> check(problems, "evaluate " + id,
                            lastRun("evaluateStrategyJob", "strategy", id, null, null, null), window(run, true)));
                }
                case EVALUATE -> check(problems, run.name(),
                        lastRun("evaluateStrategyJob", "strategy", run.strategy(), null, null, null), window(run, true));
                case FILL_GAPS, RETENTION -> { }
            }
        }
        return problems;
    }

    private Duration window(PlannedRun run, boolean evaluation) {
        Duration w = Duration.ofMillis(2 * run.market().timeframe().millis()).plus(properties.schedule().delay());
        return evaluation ? w.plus(properties.schedule().waitForCandle()) : w;
    }

    private void check(List<String> problems, String what, Optional<JobExecution> last, Duration window) {
        if (last.isEmpty()) {
            problems.add(what + ": has not run yet");
            return;
        }
        JobExecution e = last.get();
        if (e.getStatus() != BatchStatus.COMPLETED) {
            problems.add(what + ": last run (execution " + e.getId() + ") is " + e.getStatus() + ": "
                    + ExecutionText.firstLine(e.getExitStatus().getExitDescription()));
            return;
        }
        Duration age = Duration.between(e.getEndTime(), LocalDateTime.now());
        if (age.compareTo(window) > 0) {
            problems.add(what + ": last completed " + age.toMinutes() + " min ago (expected within "
                    + window.toMinutes() + " min)");
        }
    }

    /** The newest execution of the job whose parameters match (timeframe checked when given). */
    private Optional<JobExecution> lastRun(String job, String key, String value, String key2, String value2,
                                           String timeframe) {
        List<Long> ids = jdbc.queryForList("""
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?
                  AND (? IS NULL OR EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS q
                       WHERE q.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND q.PARAMETER_NAME = ? AND q.PARAMETER_VALUE = ?))
                  AND (? IS NULL OR EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS r
                       WHERE r.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND r.PARAMETER_NAME = 'timeframe'
                         AND r.PARAMETER_VALUE = ?))
                ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""", Long.class,
                job, key, value, key2, key2, value2, timeframe, timeframe);
        return ids.stream().findFirst().map(jobRepository::getJobExecution);
    }
}
