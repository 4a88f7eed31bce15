package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.config.TradingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records which process runs each job execution and beats for it while it runs, so another process
 * can tell a live execution from one whose process died (see {@link StaleExecutions}). Every job
 * registers it as a listener.
 */
@Component
public class Heartbeats implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long intervalMillis;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService beater;

    Heartbeats(DataSource dataSource, TradingProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        // wall time, not the market clock tests fix: liveness is about real processes
        this.clock = Clock.systemUTC();
        this.intervalMillis = properties.jobs().heartbeatInterval().toMillis();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ThisProcess me = ThisProcess.get();
        jdbc.update("""
                INSERT INTO job_heartbeats (job_execution_id, host, pid, process_start, beat_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job_execution_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
                    process_start = excluded.process_start, beat_at = excluded.beat_at""",
                execution.getId(), me.host(), me.pid(), me.startMillis(), clock.millis());
        running.add(execution.getId());
        startBeating();
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        jdbc.update("DELETE FROM job_heartbeats WHERE job_execution_id = ?", execution.getId());
    }

    /** The executions this process runs right now. */
    public java.util.Set<Long> running() {
        return java.util.Set.copyOf(running);
    }

    /** Whether this process runs the execution right now. */
    public boolean runsHere(long executionId) {
        return running.contains(executionId);
    }

    private synchronized void startBeating() {
        if (beater != null) {
            return;
        }
        beater = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beater.scheduleWithFixedDelay(this::beat, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            for (Long id : running) {
                jdbc.update("UPDATE job_heartbeats SET beat_at = ? WHERE job_execution_id = ?", clock.millis(), id);
            }
        } catch (RuntimeException e) {
            // a missed beat only makes the execution look older; the next beat tries again
            log.warn("heartbeat not recorded: {}", e.getMessage());
        }
    }
}
