package dev.tradingbatch.jobs.operations;

import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Batch's job operator with one change: a start records the job instance and its execution in
 * one transaction.
 * <p>
 * Spring Batch 6 creates the instance and the execution in two transactions. A process that fails or is
 * killed between them (a busy database, kill -9) leaves an instance without any execution, which Spring
 * Batch then refuses to start for ever ("Cannot find any job execution for job instance"): that scheduled
 * evaluation, backfill or replay could never run again with those parameters. Here the checks and both
 * rows are one SERIALIZABLE transaction (on SQLite one {@code BEGIN IMMEDIATE}), so a start records both or
 * neither, and two processes starting the same run cannot both create an execution. An instance left
 * without an execution by an earlier version is taken up as a new start.
 * <p>
 * The job itself runs afterwards in the calling thread, outside that transaction, as Spring Batch runs it.
 */
final class AtomicJobOperator extends TaskExecutorJobOperator {

    /** The application's job repository without its transaction advice: its calls join {@link #transaction}. */
    private final JobRepository repository;
    private final TransactionTemplate transaction;

    AtomicJobOperator(JobRepository repository, JobRegistry registry, PlatformTransactionManager transactionManager) {
        this.repository = unadvised(repository);
        setJobRepository(repository);
        setJobRegistry(registry);
        setTaskExecutor(new SyncTaskExecutor());
        transaction = new TransactionTemplate(transactionManager);
        transaction.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
        try {
            afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JobExecution run(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException,
            JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
        job.getJobParametersValidator().validate(parameters);
        JobExecution execution;
        try {
            execution = transaction.execute(status -> create(job, parameters));
        } catch (Refusal r) {
            switch (r.getCause()) {
                case JobExecutionAlreadyRunningException e -> throw e;
                case JobRestartException e -> throw e;
                case JobInstanceAlreadyCompleteException e -> throw e;
                default -> throw new IllegalStateException(r.getCause());
            }
        }
        launchJobExecution(job, execution);
        return execution;
    }

    /** The checks Spring Batch makes before a start, and the rows it writes, in the caller's transaction. */
    private JobExecution create(Job job, JobParameters parameters) {
        JobInstance instance = repository.getJobInstance(job.getName(), parameters);
        if (instance == null) {
            instance = repository.createJobInstance(job.getName(), parameters);
            return repository.createJobExecution(instance, parameters, new ExecutionContext());
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last == null) {
            // left so by a process of an earlier version that stopped between the two rows: nothing ran
            return repository.createJobExecution(instance, parameters, new ExecutionContext());
        }
        if (last.isRunning()) {
            throw new Refusal(new JobExecutionAlreadyRunningException(
                    "A job execution for this job is already running: " + last));
        }
        BatchStatus status = last.getStatus();
        if (status == BatchStatus.UNKNOWN) {
            throw new Refusal(new JobRestartException("Cannot restart job from UNKNOWN status. The last execution"
                    + " ended with a failure that could not be rolled back, so it may be dangerous to proceed."
                    + " Manual intervention is probably necessary."));
        }
        if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
            throw new Refusal(new JobInstanceAlreadyCompleteException("A job instance already exists and is complete"
                    + " for identifying parameters=" + new JobParameters(parameters.getIdentifyingParameters())
                    + ". If you want to run this job again, change the parameters."));
        }
        if (!job.isRestartable()) {
            throw new Refusal(new JobRestartException("JobInstance already exists and is not restartable"));
        }
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                throw new Refusal(new JobExecutionAlreadyRunningException(
                        "A job execution for this job is already running: " + last));
            }
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                throw new Refusal(new JobRestartException("Cannot restart step [" + step.getStepName()
                        + "] from UNKNOWN status. The last execution ended with a failure that could not be rolled"
                        + " back, so it may be dangerous to proceed. Manual intervention is probably necessary."));
            }
        }
        return repository.createJobExecution(instance, parameters, last.getExecutionContext());
    }

    /**
     * The repository behind Spring Batch's transactional proxy, which runs each create (and the read of the last
     * execution) in a transaction of its own (REQUIRES_NEW) and so could never share ours.
     */
    private static JobRepository unadvised(JobRepository repository) {
        if (repository instanceof Advised advised) {
            try {
                return (JobRepository) advised.getTargetSource().getTarget();
            } catch (Exception e) {
                throw new IllegalStateException("cannot reach the job repository behind its proxy", e);
            }
        }
        return repository;
    }

    /** Carries a checked refusal out of the transaction (which it rolls back). */
    private static final class Refusal extends RuntimeException {
        Refusal(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
