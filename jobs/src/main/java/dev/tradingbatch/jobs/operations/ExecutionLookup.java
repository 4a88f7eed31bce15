package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.db.JobExecutionQueries;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds recorded executions by job, status and parameter values (the job repository only finds them by
 * all identifying parameters at once): the newest first.
 */
@Component
public class ExecutionLookup {

    private final JobExecutionQueries queries;
    private final JobRepository jobRepository;

    ExecutionLookup(JobExecutionQueries queries, JobRepository jobRepository) {
        this.queries = queries;
        this.jobRepository = jobRepository;
    }

    /**
     * Ids of the executions of {@code job} (null: of every job), of that status (null: any), whose parameters
     * have these values; newest first, at most {@code limit}.
     */
    public List<Long> ids(String job, Map<String, String> parameters, BatchStatus status, int limit) {
        return queries.ids(job, parameters, status == null ? null : status.name(), limit);
    }

    /** The job's executions whose parameters have these values (of that status, when given), newest first. */
    public List<JobExecution> all(String job, Map<String, String> parameters, BatchStatus status) {
        return ids(job, parameters, status, Integer.MAX_VALUE).stream().map(jobRepository::getJobExecution).toList();
    }

    /** The job's newest execution whose parameters have these values (of that status, when given). */
    public Optional<JobExecution> last(String job, Map<String, String> parameters, BatchStatus status) {
        return ids(job, parameters, status, 1).stream().findFirst().map(jobRepository::getJobExecution);
    }
}
