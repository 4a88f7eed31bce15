package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jobs list|show|restart|stop|abandon}: the recorded job executions, through Spring Batch's
 * JobRepository and JobOperator. Executions left STARTED by a dead process are marked FAILED first,
 * so what is listed is true. Unknown ids and transitions Spring Batch does not allow are bad input.
 */
@Service
public class JobsService {

    private static final String ROW = "%-6s %-20s %-10s %-19s %9s  %s%n";

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final StaleExecutions stale;
    private final Heartbeats heartbeats;
    private final ExecutionLookup executions;
    private final List<String> jobNames;

    JobsService(JobRepository jobRepository, JobOperator jobOperator, StaleExecutions stale, Heartbeats heartbeats,
                ExecutionLookup executions, List<Job> jobs) {
        this.heartbeats = heartbeats;
        this.jobNames = jobs.stream().map(Job::getName).sorted().toList();
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.stale = stale;
        this.executions = executions;
    }

    /** Newest first; {@code status} and {@code job} filter (a job may be named short: backfill, fill-gaps). */
    public int list(String status, String job, int limit, PrintWriter out) {
        BatchStatus wanted = status == null ? null : status(status);
        String jobName = job == null ? null : jobName(job);
        reportRecovered(out);
        List<Long> ids = executions.ids(jobName, Map.of(), wanted, limit);
        if (ids.isEmpty()) {
            out.println("no job executions" + (wanted != null || jobName != null ? " match" : " recorded yet"));
            return 0;
        }
        out.printf(ROW, "ID", "JOB", "STATUS", "STARTED", "DURATION", "PARAMETERS / EXIT");
        for (Long id : ids) {
            JobExecution e = jobRepository.getJobExecution(id);
            String exit = ExecutionText.firstLine(e.getExitStatus().getExitDescription());
            out.printf(ROW, id, e.getJobInstance().getJobName(), e.getStatus(), ExecutionText.time(e.getStartTime()),
                    ExecutionText.duration(e), ExecutionText.parameters(e.getJobParameters())
                            + (exit.isEmpty() ? "" : "  " + ExecutionText.shorten(exit, 120)));
        }
        return 0;
    }

    /** Parameters, status, times, each step's counts and the exit message. */
    public int show(long id, PrintWriter out) {
        reportRecovered(out);
        JobExecution e = execution(id);
        out.println("execution " + id + " of " + e.getJobInstance().getJobName() + " (instance "
                + e.getJobInstance().getInstanceId() + ")");
        out.println("  status:     " + e.getStatus() + " (exit code " + e.getExitStatus().getExitCode() + ")");
        out.println("  started:    " + ExecutionText.time(e.getStartTime()));
        out.println("  ended:      " + ExecutionText.time(e.getEndTime()) + "  (" + ExecutionText.duration(e).strip() + ")");
        out.println("  parameters:");
        ExecutionText.parameterLines(e.getJobParameters()).forEach(l -> out.println("    " + l));
        List<JobExecution> all = jobRepository.getJobExecutions(e.getJobInstance());
        if (all.size() > 1) {
            out.println("  executions of this instance: " + all.stream().map(JobExecution::getId).sorted()
                    .map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        out.println("  steps:");
        List<StepExecution> steps = new ArrayList<>(e.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getId));
        for (StepExecution s : steps) {
            out.println("    " + s.getStepName() + ": " + s.getStatus() + ", read " + s.getReadCount() + ", written "
                    + s.getWriteCount() + ", skipped " + s.getSkipCount() + ", commits " + s.getCommitCount()
                    + ", rollbacks " + s.getRollbackCount());
            String summary = ExecutionText.firstLine(s.getExitStatus().getExitDescription());
            if (!summary.isEmpty() && s.getStatus() == BatchStatus.COMPLETED) {
                out.println("      " + summary);
            }
        }
        String exit = ExecutionText.firstLine(e.getExitStatus().getExitDescription());
        if (!exit.isEmpty()) {
            out.println("  exit message: " + exit);
        }
        return 0;
    }

    /** Restarts a FAILED or STOPPED execution (one left STARTED by a dead process first becomes FAILED). */
    public int restart(long id, PrintWriter out) {
        reportRecovered(out);
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
                    || latest.getStatus() == BatchStatus.STOPPED ? ": restart " + latest.getId() + " instead" : ""));
        }
        Long restarted;
        try {
            restarted = jobOperator.restart(id);
        } catch (JobInstanceAlreadyCompleteException ex) {
            throw new BadInputException(name + " is COMPLETED: there is nothing to restart");
        } catch (NoSuchJobException ex) {
            throw new BadInputException(name + " belongs to a job this version does not have");
        } catch (NoSuchJobExecutionException | JobRestartException | InvalidJobParametersException ex) {
            throw new BadInputException(name + " cannot be restarted: " + ex.getMessage());
        }
        JobExecution run = jobRepository.getJobExecution(restarted);
        out.println("restarted " + name + " as execution " + restarted + ": " + run.getStatus());
        for (StepExecution s : run.getStepExecutions()) {
            String summary = ExecutionText.firstLine(s.getExitStatus().getExitDescription());
            if (s.getStatus() == BatchStatus.COMPLETED && !summary.isEmpty()) {
                out.println("  " + s.getStepName() + ": " + summary);
            }
        }
        String exit = ExecutionText.firstLine(run.getExitStatus().getExitDescription());
        if (run.getStatus() != BatchStatus.COMPLETED) {
            out.println("failed: " + exit);
            return 1;
        }
        return 0;
    }

    /** Asks a running execution (in any process) to stop at its next chunk boundary. */
    public int stop(long id, PrintWriter out) {
        reportRecovered(out);
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
        out.println("asked " + name + " to stop: it stops at its next chunk boundary and can then be restarted");
        return 0;
    }

    /** Marks a FAILED or STOPPED execution ABANDONED: it will never be restarted. */
    public int abandon(long id, PrintWriter out) {
        reportRecovered(out);
        JobExecution e = execution(id);
        String name = "execution " + id + " of " + e.getJobInstance().getJobName();
        if (e.isRunning()) {
            throw new BadInputException(name + " is running: stop it first with jobs stop " + id);
        }
        if (e.getStatus() == BatchStatus.COMPLETED || e.getStatus() == BatchStatus.ABANDONED) {
            throw new BadInputException(name + " is " + e.getStatus()
                    + ": only a FAILED or STOPPED execution can be abandoned");
        }
        try {
            jobOperator.abandon(id);
        } catch (NoSuchJobExecutionException | JobExecutionAlreadyRunningException ex) {
            throw new BadInputException(name + " cannot be abandoned: " + ex.getMessage());
        }
        out.println("abandoned " + name + ": it will not be restarted");
        return 0;
    }

    private void reportRecovered(PrintWriter out) {
        for (StaleExecutions.Recovered r : stale.recoverAll()) {
            out.println("execution " + r.executionId() + " of " + r.jobName() + " was left " + r.status() + ": "
                    + r.reason());
        }
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
