package dev.tradingbatch.db;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredTrade;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;

/**
 * Reads trade data for reports, and only reads (the tables are {@link TradeRepository}'s): the declared
 * strategies, their trades with row ids, the reference Query 2 on the {@code trades} view, and live orders' modelled
 * prices beside their fills.
 */
public class ReportRepository {

    private static final String TRADE_COLUMNS = """
            SELECT id, strategy_id, side, price, quantity, fee, candle_time, pnl, pnl_percent
            FROM strategy_trades""";

    /**
     * The reference Query 2 ("a strategy's performance") as written, the strategy id a parameter. It runs on the
     * {@code trades} view, which holds live trades only.
     */
    private static final String QUERY_2 = """
            SELECT strategy_id, COUNT(*) as total_trades, SUM(pnl) as total_pnl, AVG(pnl_percent) as avg_return,
                   SUM(CASE WHEN pnl > 0 THEN 1 ELSE 0 END) as winning_trades,
                   SUM(CASE WHEN pnl < 0 THEN 1 ELSE 0 END) as losing_trades
            FROM trades WHERE strategy_id = ? GROUP BY strategy_id""";

    private final JdbcTemplate jdbc;

    public ReportRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Every declared strategy, by id. */
    public List<StoredStrategy> strategies() {
        return jdbc.query("""
                SELECT s.strategy_id, s.type, s.exchange, s.symbol, s.timeframe,
                       CASE WHEN EXISTS (SELECT 1 FROM candles c WHERE c.market_id = m.market_id)
                            THEN m.price_scale END
                FROM strategies s
                LEFT JOIN markets m ON m.exchange = s.exchange AND m.symbol = s.symbol AND m.timeframe = s.timeframe
                ORDER BY s.strategy_id""",
                (rs, i) -> {
                    Object scale = rs.getObject(6);
                    return new StoredStrategy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), scale == null ? OptionalInt.empty()
                            : OptionalInt.of(((Number) scale).intValue()));
                });
    }

    /** One strategy's trades of one run, in trading order: candle time, then id. */
    public List<StoredTrade> trades(String strategyId, String runId) {
        return jdbc.query(TRADE_COLUMNS + " WHERE strategy_id = ? AND run_id = ? ORDER BY candle_time, id",
                ReportRepository::trade, strategyId, runId);
    }

    /** Every strategy's trades of one run, by strategy id, each strategy's in trading order. */
    public List<StoredTrade> trades(String runId) {
        return jdbc.query(TRADE_COLUMNS + " WHERE run_id = ? ORDER BY strategy_id, candle_time, id",
                ReportRepository::trade, runId);
    }

    /** Query 2's row for the strategy; empty when it has no live trades (the GROUP BY gives no row then). */
    public Optional<Query2Row> query2(String strategyId) {
        // getString hands over SQLite's own text of each value, as the sqlite3 shell shows it
        return jdbc.query(QUERY_2, (rs, i) -> new Query2Row(rs.getString("total_trades"),
                        rs.getString("total_pnl"), rs.getString("avg_return"), rs.getString("winning_trades"),
                        rs.getString("losing_trades")), strategyId)
                .stream().findFirst();
    }

    /**
     * A live order's modelled price (what the paper model gave its signal) beside the average price of its real
     * fills (its live trade), for the execution slippage.
     */
    public record Execution(long candleTime, String side, BigDecimal modelPrice, BigDecimal price) {

        /** How far the real price was from the modelled one, in bps of the modelled price, positive when worse. */
        public BigDecimal slippageBps() {
            BigDecimal bps = price.subtract(modelPrice).multiply(BigDecimal.valueOf(10_000))
                    .divide(modelPrice, 2, java.math.RoundingMode.HALF_EVEN);
            return "buy".equals(side) ? bps : bps.negate();
        }
    }

    /** The strategy's live orders that filled and carry a modelled price, oldest first. */
    public List<Execution> executions(String strategyId) {
        return jdbc.query("""
                        SELECT o.candle_time, o.side, o.model_price, t.price FROM live_orders o
                        JOIN strategy_trades t ON t.strategy_id = o.strategy_id AND t.run_id = ?
                             AND t.candle_time = o.candle_time AND t.side = o.side
                        WHERE o.strategy_id = ? AND o.model_price IS NOT NULL ORDER BY o.candle_time, o.side""",
                (rs, i) -> new Execution(rs.getLong(1), rs.getString(2), decimal(rs.getString(3)),
                        decimal(rs.getString(4))),
                RunIds.LIVE, strategyId);
    }

    private static StoredTrade trade(ResultSet rs, int row) throws SQLException {
        return new StoredTrade(rs.getLong(1), rs.getString(2), rs.getString(3), decimal(rs.getString(4)),
                decimal(rs.getString(5)), decimal(rs.getString(6)), rs.getLong(7), decimal(rs.getString(8)),
                decimal(rs.getString(9)));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
