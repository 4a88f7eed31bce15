package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds recorded executions of a job by parameter values (the job repository only finds them by all
 * identifying parameters at once): the newest first, optionally only those with a given status.
 */
@Component
public class ExecutionLookup {

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;

    ExecutionLookup(DataSource dataSource, JobRepository jobRepository) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jobRepository = jobRepository;
    }

    /** Ids of the job's executions whose parameters have these values, newest first, at most {@code limit}. */
    public List<Long> ids(String job, Map<String, String> parameters, BatchStatus status, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                WHERE i.JOB_NAME = ?""");
        List<Object> args = new ArrayList<>(List.of(job));
        if (status != null) {
            sql.append(" AND e.STATUS = ?");
            args.add(status.name());
        }
        parameters.forEach((name, value) -> {
            sql.append(" AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = "
                    + "e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?)");
            args.add(name);
            args.add(value);
        });
        sql.append(" ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), Long.class, args.toArray());
    }

    /** The job's newest execution whose parameters have these values (of that status, when given). */
    public Optional<JobExecution> last(String job, Map<String, String> parameters, BatchStatus status) {
        return ids(job, parameters, status, 1).stream().findFirst().map(jobRepository::getJobExecution);
    }
}
