package dev.tradingbatch.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The one owner of {@code sweep_results} (research data): each parameter set's figures, per sweep. Decimals are
 * stored as text and read back exactly; a double as Java writes it ({@code Infinity} included), so it reads back to
 * the same double on either database.
 */
public class SweepResultRepository {

    private static final String COLUMNS = "sweep_id, set_index, strategy_id, params, evaluated, total_return,"
            + " annualised_return, buy_and_hold, max_drawdown, trades, win_rate, profit_factor, sharpe, sortino, exposure,"
            + " final_equity, position_open, job_execution_id, computed_at";

    private static final RowMapper<SweepResult> ROW = (rs, i) -> new SweepResult(rs.getLong(1), rs.getInt(2),
            rs.getString(3), rs.getString(4), rs.getInt(5), new BigDecimal(rs.getString(6)),
            Double.parseDouble(rs.getString(7)), new BigDecimal(rs.getString(8)), new BigDecimal(rs.getString(9)),
            rs.getInt(10), new BigDecimal(rs.getString(11)), ratio(rs.getString(12)), ratio(rs.getString(13)),
            ratio(rs.getString(14)), new BigDecimal(rs.getString(15)), new BigDecimal(rs.getString(16)),
            rs.getInt(17) != 0, rs.getLong(18), rs.getLong(19));

    private final JdbcTemplate jdbc;

    public SweepResultRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Stores the results, in the caller's transaction; a set already stored (a partition run again after it wrote
     * but before its completion was recorded) is kept as it is. Returns how many rows were new.
     */
    public int insert(List<SweepResult> results) {
        int stored = 0;
        for (SweepResult r : results) {
            stored += jdbc.update("INSERT INTO sweep_results (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    r.sweepId(), r.setIndex(), r.strategyId(), r.params(), r.evaluated(),
                    r.totalReturnPercent().toPlainString(), Double.toString(r.annualisedReturnPercent()),
                    r.buyAndHoldPercent().toPlainString(), r.maxDrawdownPercent().toPlainString(), r.trades(),
                    r.winRatePercent().toPlainString(), text(r.profitFactor()), text(r.sharpe()), text(r.sortino()),
                    r.exposurePercent().toPlainString(), r.finalEquity().toPlainString(), r.positionOpen() ? 1 : 0,
                    r.jobExecutionId(), r.computedAt());
        }
        return stored;
    }

    /** The sweep's results, by set index. */
    public List<SweepResult> find(long sweepId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sweep_results WHERE sweep_id = ? ORDER BY set_index", ROW,
                sweepId);
    }

    private static String text(OptionalDouble d) {
        return d.isPresent() ? Double.toString(d.getAsDouble()) : null;
    }

    private static OptionalDouble ratio(String text) {
        return text == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(text));
    }
}
