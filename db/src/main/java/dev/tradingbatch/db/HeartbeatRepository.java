package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * {@code job_heartbeats}: which process runs each job execution under way, and when it last said it
 * was alive. The only writer of the table: a row is recorded when an execution starts, beaten while
 * it runs and deleted when it ends or is recovered after its process died.
 */
public class HeartbeatRepository {

    private final JdbcTemplate jdbc;

    public HeartbeatRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The process running a job execution, and its last heartbeat.
     *
     * @param processStart the process's start (UTC epoch ms), to tell a reused pid apart; null when unknown
     * @param beatAt       UTC epoch ms of the last heartbeat
     */
    public record Heartbeat(long executionId, String host, long pid, Long processStart, long beatAt) {
    }

    /** Records the process that runs an execution (replacing what an earlier run of it left). */
    public void record(Heartbeat heartbeat) {
        jdbc.update("""
                INSERT INTO job_heartbeats (job_execution_id, host, pid, process_start, beat_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job_execution_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
                    process_start = excluded.process_start, beat_at = excluded.beat_at""",
                heartbeat.executionId(), heartbeat.host(), heartbeat.pid(), heartbeat.processStart(), heartbeat.beatAt());
    }

    /** Moves an execution's last heartbeat to {@code at} (UTC epoch ms). */
    public void beat(long executionId, long at) {
        jdbc.update("UPDATE job_heartbeats SET beat_at = ? WHERE job_execution_id = ?", at, executionId);
    }

    /** Forgets an execution: it ended, or was recovered. */
    public void delete(long executionId) {
        jdbc.update("DELETE FROM job_heartbeats WHERE job_execution_id = ?", executionId);
    }

    /** The heartbeat of an execution; empty when none was recorded or it was deleted. */
    public Optional<Heartbeat> find(long executionId) {
        return jdbc.query("SELECT host, pid, process_start, beat_at FROM job_heartbeats WHERE job_execution_id = ?",
                (rs, i) -> new Heartbeat(executionId, rs.getString(1), rs.getLong(2),
                        rs.getObject(3) == null ? null : rs.getLong(3), rs.getLong(4)), executionId)
                .stream().findFirst();
    }
}
