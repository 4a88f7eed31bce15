package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.config.TradingProperties;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds executions left STARTED (or STOPPING) by a process that is gone, and marks them FAILED so
 * they can be restarted. A process is gone when it ran on this host and its pid is dead or now
 * belongs to another process, or when its last heartbeat is older than
 * {@code trading.jobs.stale-after} (the only test possible for another host).
 */
@Component
public class StaleExecutions {

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private final long staleAfterMillis;

    StaleExecutions(DataSource dataSource, JobRepository jobRepository, JobOperator jobOperator,
                    Heartbeats heartbeats, TradingProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.heartbeats = heartbeats;
        // wall time, as the heartbeats are written
        this.clock = Clock.systemUTC();
        this.staleAfterMillis = properties.jobs().staleAfter().toMillis();
    }

    /** A running execution recovered, and why its process was judged gone. */
    public record Recovered(long executionId, String jobName, BatchStatus status, String reason) {
    }

    /** Why the execution's process is judged gone, or empty while it still looks alive. */
    public Optional<String> deadReason(JobExecution execution) {
        if (!execution.isRunning() || heartbeats.runsHere(execution.getId())) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT host, pid, process_start, beat_at FROM job_heartbeats WHERE job_execution_id = ?",
                execution.getId());
        long now = clock.millis();
        if (rows.isEmpty()) {
            // the process died between creating the execution and its first heartbeat
            // Spring Batch stamps executions with the local wall time
            LocalDateTime created = execution.getCreateTime();
            return created == null || Duration.between(created, LocalDateTime.now()).toMillis() > staleAfterMillis
                    ? Optional.of("its process never reported a heartbeat")
                    : Optional.empty();
        }
        Map<String, Object> row = rows.getFirst();
        String host = (String) row.get("host");
        long pid = ((Number) row.get("pid")).longValue();
        Long processStart = row.get("process_start") == null ? null : ((Number) row.get("process_start")).longValue();
        long beatAt = ((Number) row.get("beat_at")).longValue();
        String who = "process " + pid + " on " + host;
        ThisProcess me = ThisProcess.get();
        if (host.equals(me.host())) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return Optional.of(who + " is gone");
            }
            Optional<Long> start = ThisProcess.startMillis(process.get());
            if (processStart != null && start.isPresent() && Math.abs(start.get() - processStart) > 1000) {
                return Optional.of(who + " is gone (the pid now belongs to another process)");
            }
            return Optional.empty();
        }
        if (now - beatAt > staleAfterMillis) {
            return Optional.of(who + " last reported at " + Instant.ofEpochMilli(beatAt) + ", "
                    + (now - beatAt) / 1000 + " s ago");
        }
        return Optional.empty();
    }

    /** Marks every execution of a gone process FAILED, with the reason in its exit description. */
    public List<Recovered> recoverAll() {
        List<Long> ids = jdbc.queryForList(
                "SELECT job_execution_id FROM BATCH_JOB_EXECUTION WHERE status IN ('STARTED', 'STARTING', 'STOPPING')",
                Long.class);
        List<Recovered> recovered = new ArrayList<>();
        for (Long id : ids) {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution != null) {
                deadReason(execution).ifPresent(reason -> recovered.add(recover(execution, reason)));
            }
        }
        return recovered;
    }

    /** Recovers one execution judged gone. */
    public Recovered recover(JobExecution execution, String reason) {
        BatchStatus was = execution.getStatus();
        JobExecution failed = jobOperator.recover(execution);
        String message = reason + ": marked FAILED so it can be restarted (jobs restart " + execution.getId() + ")";
        failed.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
        jobRepository.update(failed);
        jdbc.update("DELETE FROM job_heartbeats WHERE job_execution_id = ?", execution.getId());
        return new Recovered(execution.getId(), execution.getJobInstance().getJobName(), was, message);
    }
}
