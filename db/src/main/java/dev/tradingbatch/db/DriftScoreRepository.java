package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one owner of {@code drift_scores}: each strategy's latest drift, replaced by every computation. Decimals are
 * stored as text and read back exactly. Each write is one statement.
 */
public class DriftScoreRepository {

    private static final String COLUMNS = "strategy_id, computed_at, window_from, window_to, score, matched, only_live,"
            + " only_replay, missed, other_declaration, different_signal, price_diff_bps, fill_slippage_bps,"
            + " newest_unmatched, job_execution_id";

    private static final RowMapper<DriftScore> ROW = (rs, i) -> {
        long newest = rs.getLong(14);
        OptionalLong newestUnmatched = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(newest);
        return new DriftScore(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                new BigDecimal(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), new BigDecimal(rs.getString(12)), Optional.ofNullable(rs.getString(13)).map(BigDecimal::new),
                newestUnmatched, rs.getLong(15));
    };

    private final JdbcTemplate jdbc;

    public DriftScoreRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Stores a strategy's drift, replacing the one stored before. */
    public void put(DriftScore d) {
        jdbc.update("INSERT INTO drift_scores (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (strategy_id) DO UPDATE SET computed_at = excluded.computed_at,"
                        + " window_from = excluded.window_from, window_to = excluded.window_to, score = excluded.score,"
                        + " matched = excluded.matched, only_live = excluded.only_live,"
                        + " only_replay = excluded.only_replay, missed = excluded.missed,"
                        + " other_declaration = excluded.other_declaration,"
                        + " different_signal = excluded.different_signal, price_diff_bps = excluded.price_diff_bps,"
                        + " fill_slippage_bps = excluded.fill_slippage_bps,"
                        + " newest_unmatched = excluded.newest_unmatched, job_execution_id = excluded.job_execution_id",
                d.strategyId(), d.computedAt(), d.windowFrom(), d.windowTo(), d.score().toPlainString(), d.matched(),
                d.onlyLive(), d.onlyReplay(), d.missed(), d.otherDeclaration(), d.differentSignal(),
                d.priceDiffBps().toPlainString(), d.fillSlippageBps().map(BigDecimal::toPlainString).orElse(null),
                d.newestUnmatched().isPresent() ? d.newestUnmatched().getAsLong() : null, d.jobExecutionId());
    }

    /** A strategy's latest drift; empty before its first computation. */
    public Optional<DriftScore> find(String strategyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM drift_scores WHERE strategy_id = ?", ROW, strategyId).stream()
                .findFirst();
    }

    /** Every strategy's latest drift, by strategy id: one query. */
    public List<DriftScore> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM drift_scores ORDER BY strategy_id", ROW);
    }
}
