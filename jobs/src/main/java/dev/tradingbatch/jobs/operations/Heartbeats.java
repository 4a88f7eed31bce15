package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.db.HeartbeatRepository;
import dev.tradingbatch.jobs.config.TradingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
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

    private final HeartbeatRepository repository;
    private final Clock clock;
    private final long intervalMillis;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService beater;

    Heartbeats(HeartbeatRepository repository, TradingProperties properties) {
        this.repository = repository;
        // wall time, not the market clock tests fix: liveness is about real processes
        this.clock = Clock.systemUTC();
        this.intervalMillis = properties.jobs().heartbeatInterval().toMillis();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ThisProcess me = ThisProcess.get();
        repository.record(new HeartbeatRepository.Heartbeat(execution.getId(), me.host(), me.pid(), me.startMillis(),
                clock.millis()));
        running.add(execution.getId());
        startBeating();
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        repository.delete(execution.getId());
    }

    /** The process recorded as running an execution (of this process or another), with its last heartbeat. */
    public Optional<HeartbeatRepository.Heartbeat> recorded(long executionId) {
        return repository.find(executionId);
    }

    /** Forgets an execution whose process is gone: it was recovered. */
    public void forget(long executionId) {
        repository.delete(executionId);
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
                repository.beat(id, clock.millis());
            }
        } catch (RuntimeException e) {
            // a missed beat only makes the execution look older; the next beat tries again
            log.warn("heartbeat not recorded: {}", e.getMessage());
        }
    }
}
