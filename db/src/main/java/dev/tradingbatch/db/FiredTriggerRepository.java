package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Reads Quartz's {@code QRTZ_FIRED_TRIGGERS} (PostgreSQL only: on SQLite the schedule is kept in memory),
 * which Quartz's job store writes: the triggers a scheduler instance has acquired for its next fires.
 */
public class FiredTriggerRepository {

    private final JdbcTemplate jdbc;

    public FiredTriggerRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** How many triggers the scheduler instance holds acquired and has not handed back or fired yet. */
    public long acquired(String schedulerName, String instanceId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE SCHED_NAME = ? "
                + "AND INSTANCE_NAME = ? AND STATE = 'ACQUIRED'", Long.class, schedulerName, instanceId);
    }
}
