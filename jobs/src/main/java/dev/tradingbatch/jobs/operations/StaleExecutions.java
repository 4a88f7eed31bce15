package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.db.HeartbeatRepository.Heartbeat;
import dev.tradingbatch.db.JobExecutionQueries;
import dev.tradingbatch.jobs.config.TradingProperties;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds executions left STARTED (or STOPPING) by a process that is gone, and marks them FAILED so
 * they can be restarted. A process is gone when it ran on this host and its pid is dead or now
 * belongs to another process, or when its last heartbeat is older than
 * {@code trading.jobs.stale-after} (the only test possible for another host).
 */
@Component
public class StaleExecutions {

    private final JobExecutionQueries executions;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private final long staleAfterMillis;

    StaleExecutions(JobExecutionQueries executions, JobRepository jobRepository, JobOperator jobOperator,
                    Heartbeats heartbeats, TradingProperties properties) {
        this.executions = executions;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.heartbeats = heartbeats;
        // wall time, as the heartbeats are written
        this.clock = Clock.systemUTC();
        this.staleAfterMillis = properties.jobs().staleAfter().toMillis();
    }

    /** A running execution recovered, and why its process was judged gone. */
    public record Recovered(long executionId, String jobName, BatchStatus status, String reason) {

        /** What a start that continues it says: {@code execution 4 was left STARTED: ...; restarting it}. */
        public String restarting() {
            return "execution " + executionId + " was left " + status + ": " + reason + "; restarting it";
        }
    }

    /** Why the execution's process is judged gone, or empty while it still looks alive. */
    public Optional<String> deadReason(JobExecution execution) {
        if (!execution.isRunning() || heartbeats.runsHere(execution.getId())) {
            return Optional.empty();
        }
        Optional<Heartbeat> recorded = heartbeats.recorded(execution.getId());
        long now = clock.millis();
        if (recorded.isEmpty()) {
            // the process died between creating the execution and its first heartbeat
            // Spring Batch stamps executions with the local wall time
            LocalDateTime created = execution.getCreateTime();
            return created == null || Duration.between(created, LocalDateTime.now()).toMillis() > staleAfterMillis
                    ? Optional.of("its process never reported a heartbeat")
                    : Optional.empty();
        }
        Heartbeat beat = recorded.get();
        String host = beat.host();
        long pid = beat.pid();
        Long processStart = beat.processStart();
        long beatAt = beat.beatAt();
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
        List<Recovered> recovered = new ArrayList<>();
        for (Long id : executions.running()) {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution != null) {
                deadReason(execution).ifPresent(reason -> recovered.add(recover(execution, reason)));
            }
        }
        return recovered;
    }

    /**
     * Whether {@code execution} ended UNKNOWN (it, or one of its steps): Spring Batch's mark for a failure whose
     * rollback failed, which it never restarts. Before SQLite's own rollback after a full disk counted as one,
     * every full disk left such an execution.
     */
    public static boolean endedUnknown(JobExecution execution) {
        return !execution.isRunning() && (execution.getStatus() == BatchStatus.UNKNOWN
                || execution.getStepExecutions().stream().anyMatch(s -> s.getStatus() == BatchStatus.UNKNOWN));
    }

    /**
     * Marks an execution that {@link #endedUnknown ended UNKNOWN} FAILED, its UNKNOWN steps too, so that it can be
     * restarted. Safe here: every job commits a chunk's rows and its checkpoint (the step's execution context) in
     * one transaction of the one database, so whatever the failed rollback did, the recorded checkpoint matches
     * the rows stored, and a restart continues from it.
     */
    public Recovered recoverUnknown(JobExecution execution) {
        BatchStatus was = execution.getStatus();
        String message = "a rollback failed (" + ExecutionText.firstLine(execution.getExitStatus().getExitDescription())
                + "), but each chunk commits with its checkpoint: marked FAILED to continue from its last commit";
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(step.getExitStatus().and(ExitStatus.FAILED));
                if (step.getEndTime() == null) {
                    step.setEndTime(LocalDateTime.now());
                }
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
        if (execution.getEndTime() == null) {
            execution.setEndTime(LocalDateTime.now());
        }
        jobRepository.update(execution);
        return new Recovered(execution.getId(), execution.getJobInstance().getJobName(), was, message);
    }

    /** Recovers one execution judged gone. */
    public Recovered recover(JobExecution execution, String reason) {
        BatchStatus was = execution.getStatus();
        JobExecution failed = jobOperator.recover(execution);
        String message = reason + ": marked FAILED so it can be restarted (jobs restart " + execution.getId() + ")";
        failed.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
        jobRepository.update(failed);
        heartbeats.forget(execution.getId());
        return new Recovered(execution.getId(), execution.getJobInstance().getJobName(), was, message);
    }
}
