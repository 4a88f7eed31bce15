package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * {@code dashboard_actions}, the only writer of the table: the dashboard's audit trail. A row is recorded where the
 * action is done (in the same transaction for a halt or a resume); a restart, which runs on, records its outcome when
 * it ends.
 */
public class DashboardActionRepository {

    private static final String SELECT = "SELECT action_id, at, username, action, target, outcome, message"
            + " FROM dashboard_actions";
    private static final RowMapper<DashboardAction> ROW = (rs, i) -> new DashboardAction(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));

    private final JdbcTemplate jdbc;

    public DashboardActionRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Records an action (its id is ignored); the id it was given. */
    public long record(DashboardAction a) {
        Long id = jdbc.queryForObject("INSERT INTO dashboard_actions (at, username, action, target, outcome, message)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING action_id", Long.class, a.at(), a.username(), a.action(),
                a.target(), a.outcome(), a.message());
        return id;
    }

    /** How an action that ran on (a restart) ended. */
    public void finish(long id, String outcome, String message) {
        jdbc.update("UPDATE dashboard_actions SET outcome = ?, message = ? WHERE action_id = ?", outcome, message, id);
    }

    public Optional<DashboardAction> find(long id) {
        return jdbc.query(SELECT + " WHERE action_id = ?", ROW, id).stream().findFirst();
    }

    /** The newest actions, newest first, at most {@code limit}. */
    public List<DashboardAction> recent(int limit) {
        return jdbc.query(SELECT + " ORDER BY action_id DESC LIMIT ?", ROW, limit);
    }
}
