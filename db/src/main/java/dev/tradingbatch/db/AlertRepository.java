package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code alert_events}, the only writer of the table: the alerts outbox. Each write is one statement, so two
 * processes scanning and sending at once record an event once and deliver it once.
 */
public class AlertRepository {

    private static final String SELECT = """
            SELECT alert_id, event_key, channel, kind, subject, message, created_at, attempts, next_attempt_at,
                   sent_at, last_error, given_up_at
            FROM alert_events""";

    private static final RowMapper<AlertEvent> ROW = (rs, i) -> {
        long sent = rs.getLong(10);
        OptionalLong sentAt = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(sent);
        long givenUp = rs.getLong(12);
        OptionalLong givenUpAt = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(givenUp);
        return new AlertEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getLong(9), sentAt,
                Optional.ofNullable(rs.getString(11)), givenUpAt);
    };

    private final JdbcTemplate jdbc;

    public AlertRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Records an event for its channel; false when it was recorded before (by this process or another). */
    public boolean record(AlertEvent e) {
        return jdbc.update("""
                INSERT INTO alert_events (event_key, channel, kind, subject, message, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key, channel) DO NOTHING""",
                e.eventKey(), e.channel(), e.kind(), e.subject(), e.message(), e.createdAt(), e.nextAttemptAt()) == 1;
    }

    /** The pending events due at {@code now}, oldest first, at most {@code limit}. */
    public List<AlertEvent> due(long now, int limit) {
        return jdbc.query(SELECT + " WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?"
                + " ORDER BY alert_id LIMIT ?", ROW, now, limit);
    }

    /**
     * Claims a due event for one delivery attempt: moves its next attempt to {@code until} if it is still due and
     * pending. True for exactly one of the processes that try at once.
     */
    public boolean claim(long id, long now, long until) {
        return jdbc.update("UPDATE alert_events SET next_attempt_at = ? WHERE alert_id = ? AND sent_at IS NULL"
                + " AND next_attempt_at <= ?", until, id, now) == 1;
    }

    /** Records a delivery. */
    public void sent(long id, long at) {
        jdbc.update("UPDATE alert_events SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
                + " WHERE alert_id = ?", at, id);
    }

    /** Records a failed attempt and when to try again. */
    public void failed(long id, String error, long nextAttemptAt) {
        jdbc.update("UPDATE alert_events SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                + " WHERE alert_id = ?", error, nextAttemptAt, id);
    }

    /** Records the last allowed attempt, failed: the event is given up, never tried again. */
    public void givenUp(long id, String error, long at) {
        jdbc.update("UPDATE alert_events SET attempts = attempts + 1, last_error = ?, given_up_at = ? WHERE alert_id = ?",
                error, at, id);
    }

    /** The newest events, newest first, at most {@code limit}. */
    public List<AlertEvent> recent(int limit) {
        return jdbc.query(SELECT + " ORDER BY alert_id DESC LIMIT ?", ROW, limit);
    }
}
