package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * {@code strategy_halts}, the only writer of the table: which strategies are halted (by {@code halt}), read
 * before every evaluation by every process. Each write is one statement.
 */
public class HaltRepository {

    private static final RowMapper<StrategyHalt> ROW = (rs, i) -> new StrategyHalt(rs.getString(1),
            Optional.ofNullable(rs.getString(2)), rs.getLong(3));

    private final JdbcTemplate jdbc;

    public HaltRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Halts a strategy, or every one with {@link StrategyHalt#ALL}; halting again replaces the reason and time. */
    public void halt(StrategyHalt halt) {
        jdbc.update("""
                INSERT INTO strategy_halts (strategy_id, reason, halted_at) VALUES (?, ?, ?)
                ON CONFLICT (strategy_id) DO UPDATE SET reason = excluded.reason, halted_at = excluded.halted_at""",
                halt.strategyId(), halt.reason().orElse(null), halt.haltedAt());
    }

    /** Lifts the halt of one strategy (or the {@link StrategyHalt#ALL} halt); false when there was none. */
    public boolean resume(String strategyId) {
        return jdbc.update("DELETE FROM strategy_halts WHERE strategy_id = ?", strategyId) == 1;
    }

    /** Lifts every halt, the one of all strategies included; how many there were. */
    public int resumeAll() {
        return jdbc.update("DELETE FROM strategy_halts");
    }

    /**
     * The halts that stop this strategy: its own and the one of every strategy, its own first; none when it may
     * trade.
     */
    public List<StrategyHalt> haltsOf(String strategyId) {
        return jdbc.query("SELECT strategy_id, reason, halted_at FROM strategy_halts WHERE strategy_id IN (?, ?)"
                + " ORDER BY CASE WHEN strategy_id = ? THEN 2 ELSE 1 END", ROW, StrategyHalt.ALL, strategyId,
                StrategyHalt.ALL);
    }

    /** Every halt, the one of all strategies first, then by strategy id. */
    public List<StrategyHalt> all() {
        return jdbc.query("SELECT strategy_id, reason, halted_at FROM strategy_halts"
                + " ORDER BY CASE WHEN strategy_id = ? THEN 1 ELSE 2 END, strategy_id", ROW, StrategyHalt.ALL);
    }
}
