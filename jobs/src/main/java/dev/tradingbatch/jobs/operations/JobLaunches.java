package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Starts a job the way every command and schedule does: a run with the same identifying parameters
 * as a FAILED or STOPPED one restarts it where it stopped; one left STARTED by a process that is
 * gone is first marked FAILED (with a message saying so) and then restarted.
 */
@Component
public class JobLaunches {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final StaleExecutions stale;

    JobLaunches(JobOperator jobOperator, JobRepository jobRepository, StaleExecutions stale) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.stale = stale;
    }

    /**
     * Runs the job to its end in this thread.
     *
     * @param out where the recovery of a dead run is reported
     * @throws JobExecutionAlreadyRunningException when a live process runs it
     */
    public JobExecution start(Job job, JobParameters parameters, PrintWriter out)
            throws JobExecutionAlreadyRunningException, JobInstanceAlreadyCompleteException, JobRestartException,
            InvalidJobParametersException {
        try {
            return jobOperator.start(job, parameters);
        } catch (JobExecutionAlreadyRunningException e) {
            JobExecution running = jobRepository.getLastJobExecution(job.getName(), parameters);
            Optional<String> dead = running == null ? Optional.empty() : stale.deadReason(running);
            if (dead.isEmpty()) {
                throw e;
            }
            StaleExecutions.Recovered recovered = stale.recover(running, dead.get());
            out.println("execution " + recovered.executionId() + " was left " + recovered.status() + ": " + recovered.reason()
                    + "; restarting it");
            return jobOperator.start(job, parameters);
        }
    }
}
