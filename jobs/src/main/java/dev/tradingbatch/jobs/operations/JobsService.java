package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jobs list|show|restart|stop|abandon}: the recorded job executions, through Spring Batch's
 * JobRepository and JobOperator. Executions left STARTED by a dead process are marked FAILED first
 * ({@link #recoverStale}), so what is listed is true. Unknown ids and transitions Spring Batch does not
 * allow are bad input.
 */
@Service
public class JobsService {

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final JobLaunches launches;
    private final StaleExecutions stale;
    private final Heartbeats heartbeats;
    private final ExecutionLookup executions;
    private final List<String> jobNames;

    JobsService(JobRepository jobRepository, JobOperator jobOperator, JobLaunches launches, StaleExecutions stale,
                Heartbeats heartbeats, ExecutionLookup executions, List<Job> jobs) {
        this.launches = launches;
        this.heartbeats = heartbeats;
        this.jobNames = jobs.stream().map(Job::getName).sorted().toList();
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.stale = stale;
        this.executions = executions;
    }

    /** The executions {@code list} shows, newest first; {@code filtered}: only those matching a status or job. */
    public record Listing(List<JobExecution> executions, boolean filtered) {
    }

    /** One execution, and every execution of its job instance (restarts included), by id. */
    public record Detail(JobExecution execution, List<Long> instanceExecutions) {
    }

    /** A restarted execution, the execution that ran it again, and how it was made restartable if it had to be. */
    public record Restarted(long id, String jobName, JobExecution run, Optional<StaleExecutions.Recovered> recovered) {

        public boolean completed() {
            return run.getStatus() == BatchStatus.COMPLETED;
        }
    }

    /** An execution asked to stop, or marked ABANDONED. */
    public record Changed(long id, String jobName) {
    }

    /**
     * Marks the executions left running by a process that is gone FAILED, so what the other methods then see is
     * true; each command calls it first.
     */
    public List<StaleExecutions.Recovered> recoverStale() {
        return stale.recoverAll();
    }

    /** Newest first; {@code status} and {@code job} filter (a job may be named short: backfill, fill-gaps). */
    public Listing list(String status, String job, int limit) {
        BatchStatus wanted = status == null ? null : status(status);
        String jobName = job == null ? null : jobName(job);
        List<Long> ids = executions.ids(jobName, Map.of(), wanted, limit);
        return new Listing(ids.stream().map(jobRepository::getJobExecution).toList(),
                wanted != null || jobName != null);
    }

    /** Parameters, status, times, each step's counts and the exit message. */
    public Detail show(long id) {
        JobExecution e = execution(id);
        return new Detail(e, jobRepository.getJobExecutions(e.getJobInstance()).stream().map(JobExecution::getId)
                .sorted().toList());
    }

    /** Restarts a FAILED or STOPPED execution (one left STARTED by a dead process first becomes FAILED). */
    public Restarted restart(long id) {
        JobExecution e = restartable(id);
        String name = "execution " + id + " of " + e.getJobInstance().getJobName();
        Optional<StaleExecutions.Recovered> recovered = StaleExecutions.endedUnknown(e)
                ? Optional.of(stale.recoverUnknown(e)) : Optional.empty();
        Long restarted;
        try {
            restarted = launches.restart(id);
        } catch (JobInstanceAlreadyCompleteException ex) {
            throw new BadInputException(name + " is COMPLETED: there is nothing to restart");
        } catch (NoSuchJobException ex) {
            throw new BadInputException(name + " belongs to a job this version does not have");
        } catch (NoSuchJobExecutionException | JobRestartException | InvalidJobParametersException ex) {
            throw new BadInputException(name + " cannot be restarted: " + ex.getMessage());
        }
        return new Restarted(id, e.getJobInstance().getJobName(), jobRepository.getJobExecution(restarted), recovered);
    }

    /**
     * The execution {@link #restart} would restart, checked as it checks it, without restarting it: bad input
     * when it is unknown, running, COMPLETED, ABANDONED or restarted already (the dashboard asks before it restarts
     * in the background).
     */
    public JobExecution restartable(long id) {
        JobExecution e = execution(id);
        String name = "execution " + id + " of " + e.getJobInstance().getJobName();
        if (e.isRunning()) {
            throw new BadInputException(name + " is running (" + e.getStatus() + "): stop it first with jobs stop " + id);
        }
        switch (e.getStatus()) {
            case COMPLETED -> throw new BadInputException(name + " is COMPLETED: there is nothing to restart");
            case ABANDONED -> throw new BadInputException(name + " was abandoned: it cannot be restarted");
            default -> { }
        }
        JobExecution latest = jobRepository.getLastJobExecution(e.getJobInstance());
        if (latest != null && latest.getId() != e.getId()) {
            throw new BadInputException(name + " was already restarted as execution " + latest.getId() + " ("
                    + latest.getStatus() + ")" + (latest.getStatus() == BatchStatus.FAILED
                    || latest.getStatus() == BatchStatus.STOPPED || latest.getStatus() == BatchStatus.UNKNOWN
                    ? ": restart " + latest.getId() + " instead" : ""));
        }
        return e;
    }

    /** Asks a running execution (in any process) to stop at its next chunk boundary. */
    public Changed stop(long id) {
        JobExecution e = execution(id);
        String name = "execution " + id + " of " + e.getJobInstance().getJobName();
        if (!e.isRunning()) {
            throw new BadInputException(name + " is " + e.getStatus() + ", not running: there is nothing to stop");
        }
        if (heartbeats.runsHere(id)) {
            try {
                jobOperator.stop(id);
            } catch (NoSuchJobExecutionException | JobExecutionNotRunningException ex) {
                throw new BadInputException(name + " is not running: there is nothing to stop");
            }
        } else {
            // Another process runs it: it reads STOPPING at its next chunk commit and stops there.
            // (JobOperator.stop also stamps an end time, which makes the run look STOPPED before it is.)
            e.setStatus(BatchStatus.STOPPING);
            jobRepository.update(e);
        }
        return new Changed(id, e.getJobInstance().getJobName());
    }

    /**
     * Marks a FAILED, STOPPED or UNKNOWN execution ABANDONED: it will never be restarted. Spring Batch's abandon only
     * ever raises a status, and UNKNOWN ranks above ABANDONED: an UNKNOWN execution is marked here. What is
     * recorded afterwards is read back, so the command never reports a change that did not happen.
     */
    public Changed abandon(long id) {
        JobExecution e = execution(id);
        String name = "execution " + id + " of " + e.getJobInstance().getJobName();
        if (e.isRunning()) {
            throw new BadInputException(name + " is running: stop it first with jobs stop " + id);
        }
        if (e.getStatus() == BatchStatus.COMPLETED || e.getStatus() == BatchStatus.ABANDONED) {
            throw new BadInputException(name + " is " + e.getStatus()
                    + ": only a FAILED, STOPPED or UNKNOWN execution can be abandoned");
        }
        if (e.getStatus() == BatchStatus.UNKNOWN) {
            e.setStatus(BatchStatus.ABANDONED);
            if (e.getEndTime() == null) {
                e.setEndTime(LocalDateTime.now());
            }
            jobRepository.update(e);
        } else {
            try {
                jobOperator.abandon(id);
            } catch (NoSuchJobExecutionException | JobExecutionAlreadyRunningException ex) {
                throw new BadInputException(name + " cannot be abandoned: " + ex.getMessage());
            }
        }
        BatchStatus now = execution(id).getStatus();
        if (now != BatchStatus.ABANDONED) {
            throw new IllegalStateException(name + " is still " + now + " after abandoning it: nothing was changed");
        }
        return new Changed(id, e.getJobInstance().getJobName());
    }

    private JobExecution execution(long id) {
        JobExecution e;
        try {
            e = jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException notFound) {
            e = null;
        }
        if (e == null) {
            throw new BadInputException("no job execution " + id + " (see jobs list)");
        }
        return e;
    }

    private static BatchStatus status(String text) {
        try {
            return BatchStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown --status '" + text + "' (expected one of COMPLETED, FAILED, STARTED, "
                    + "STOPPING, STOPPED, ABANDONED)");
        }
    }

    /** A job's full name from its full or short name: {@code backfill} is {@code backfillCandlesJob}. */
    private String jobName(String text) {
        String wanted = text.toLowerCase(Locale.ROOT).replace("-", "");
        List<String> names = jobNames;
        Optional<String> match = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .or(() -> names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(wanted)).findFirst());
        return match.orElseThrow(() -> new BadInputException("unknown --job '" + text + "' (known: "
                + String.join(", ", names) + ")"));
    }
}
