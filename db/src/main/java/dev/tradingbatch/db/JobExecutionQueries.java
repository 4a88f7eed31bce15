package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Spring Batch's tables for what its JobRepository does not answer: executions found by some of
 * their parameter values (the repository finds them only by all identifying parameters at once), by
 * status across every job. Spring Batch writes these tables; this class only reads them.
 */
public class JobExecutionQueries {

    private final JdbcTemplate jdbc;

    public JobExecutionQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Ids of job executions, newest first, at most {@code limit}: of the job named {@code job} (null: of
     * every job), with the status {@code status} (a {@code BatchStatus} name; null: any), whose parameters
     * have these values (an empty map: any).
     */
    public List<Long> ids(String job, Map<String, String> parameters, String status, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (job != null) {
            where.add("i.JOB_NAME = ?");
            args.add(job);
        }
        if (status != null) {
            where.add("e.STATUS = ?");
            args.add(status);
        }
        parameters.forEach((name, value) -> {
            where.add("EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                    + " AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?)");
            args.add(name);
            args.add(value);
        });
        args.add(limit);
        return jdbc.queryForList("""
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"""
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?", Long.class, args.toArray());
    }

    /** Ids of the executions recorded as under way (STARTING, STARTED or STOPPING), of every job, oldest first. */
    public List<Long> running() {
        return jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION "
                + "WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING') ORDER BY JOB_EXECUTION_ID", Long.class);
    }
}
