package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts a job the way every command and schedule does: a run with the same identifying parameters
 * as a FAILED or STOPPED one restarts it where it stopped; one left STARTED by a process that is
 * gone, or ended UNKNOWN, is first marked FAILED (with a message saying so) and then restarted. A start records its job
 * instance and execution together ({@link AtomicJobOperator}).
 */
@Component
public class JobLaunches {

    /** Starts tried when creating the execution meets another process's transaction (PostgreSQL). */
    private static final int ATTEMPTS = 5;

    private final AtomicJobOperator jobOperator;
    private final JobRepository jobRepository;
    private final StaleExecutions stale;
    /** The jobs a restart finds by name, registered at the first restart (jobs may depend on this class). */
    private final MapJobRegistry jobRegistry = new MapJobRegistry();
    private final ObjectProvider<Job> jobs;

    JobLaunches(JobRepository jobRepository, PlatformTransactionManager transactionManager, StaleExecutions stale,
                ObjectProvider<Job> jobs) {
        this.jobOperator = new AtomicJobOperator(jobRepository, jobRegistry, transactionManager);
        this.jobRepository = jobRepository;
        this.stale = stale;
        this.jobs = jobs;
    }

    /**
     * Restarts a FAILED or STOPPED execution (its instance's last) in this thread, as {@link JobOperator#restart}
     * does, recording the new execution as a start does.
     */
    public Long restart(long executionId) throws JobInstanceAlreadyCompleteException, NoSuchJobExecutionException,
            NoSuchJobException, JobRestartException, InvalidJobParametersException {
        synchronized (jobRegistry) {
            if (jobRegistry.getJobNames().isEmpty()) {
                for (Job job : jobs) {
                    try {
                        jobRegistry.register(job);
                    } catch (DuplicateJobException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return jobOperator.restart(executionId);
    }

    /**
     * Runs the job to its end in this thread; says so, or why nothing was started.
     * <p>
     * On PostgreSQL two processes creating job executions at the same moment (two instances of a
     * service, each firing a job) can make one of the SERIALIZABLE transactions in which Spring Batch
     * creates an execution fail with a serialization failure; for the same job instance, one of them may
     * also meet the other's new row (a duplicate key, or Spring Batch's "JobInstance must not already
     * exist"). Neither has started anything: the start is tried again, a few times, and then sees what
     * the other created (running already, or complete).
     */
    public JobStart start(Job job, JobParameters parameters) {
        try {
            return startRetried(job, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            return new JobStart.AlreadyCompleted(e.getMessage());
        } catch (JobExecutionAlreadyRunningException e) {
            return new JobStart.AlreadyRunning(e.getMessage());
        } catch (JobRestartException | InvalidJobParametersException e) {
            return new JobStart.Refused(e.getMessage());
        }
    }

    private JobStart.Ran startRetried(Job job, JobParameters parameters)
            throws JobExecutionAlreadyRunningException, JobInstanceAlreadyCompleteException, JobRestartException,
            InvalidJobParametersException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOrRecover(job, parameters);
            } catch (TransientDataAccessException | DuplicateKeyException | IllegalStateException e) {
                // Spring Batch asserts that the instance it is creating does not exist: another process created it
                boolean createdMeanwhile = !(e instanceof IllegalStateException)
                        || jobRepository.getJobInstance(job.getName(), parameters) != null;
                if (attempt == ATTEMPTS || !createdMeanwhile) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250) * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Starts the job; one left running by a process that is gone, or one that ended UNKNOWN (see
     * {@link StaleExecutions#recoverUnknown}), is first marked FAILED (and so restarted).
     */
    private JobStart.Ran startOrRecover(Job job, JobParameters parameters)
            throws JobExecutionAlreadyRunningException, JobInstanceAlreadyCompleteException, JobRestartException,
            InvalidJobParametersException {
        try {
            return new JobStart.Ran(jobOperator.start(job, parameters), Optional.empty());
        } catch (JobRestartException e) {
            JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
            if (last == null || !StaleExecutions.endedUnknown(last)) {
                throw e;
            }
            StaleExecutions.Recovered recovered = stale.recoverUnknown(last);
            return new JobStart.Ran(jobOperator.start(job, parameters), Optional.of(recovered));
        } catch (JobExecutionAlreadyRunningException e) {
            JobExecution running = jobRepository.getLastJobExecution(job.getName(), parameters);
            Optional<String> dead = running == null ? Optional.empty() : stale.deadReason(running);
            if (dead.isEmpty()) {
                throw e;
            }
            StaleExecutions.Recovered recovered = stale.recover(running, dead.get());
            return new JobStart.Ran(jobOperator.start(job, parameters), Optional.of(recovered));
        }
    }
}
