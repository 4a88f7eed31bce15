package dev.tradingbatch.db;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.TradeRow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Trade data: the declared strategies and the trades each one makes. A trade is stored once per
 * (strategy, run, trigger candle, side): writing it again is a no-op, so an evaluation can be re-run.
 */
public class TradeRepository {

    private final JdbcTemplate jdbc;

    public TradeRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The declaration stored for each strategy: type, exchange, symbol, timeframe and parameters, joined
     * with a space (as {@link #declaration} makes it), by strategy id.
     */
    public Map<String, String> declarations() {
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT strategy_id, type, exchange, symbol, timeframe, params FROM strategies",
                (RowCallbackHandler) rs -> stored.put(rs.getString(1), String.join(" ", rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))));
        return stored;
    }

    /** The type and market a strategy is stored with: what its trades were made on. */
    public record StoredDeclaration(String type, MarketKey market) {
    }

    /** The type and market the strategy is stored with, if it is. */
    public Optional<StoredDeclaration> stored(String strategyId) {
        return jdbc.query("SELECT type, exchange, symbol, timeframe FROM strategies WHERE strategy_id = ?",
                (rs, i) -> new StoredDeclaration(rs.getString(1), new MarketKey(rs.getString(2), rs.getString(3),
                        Timeframe.parse(rs.getString(4)))), strategyId).stream().findFirst();
    }

    /** Whether the strategy has any trade in the run. */
    public boolean hasTrades(String strategyId, String runId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM strategy_trades WHERE strategy_id = ? AND run_id = ?)", Boolean.class,
                strategyId, runId));
    }

    /** What {@link #declarations} gives for a strategy declared so. */
    public static String declaration(String type, MarketKey market, String paramsJson) {
        return String.join(" ", type, market.exchange(), market.symbol(), market.timeframe().code(), paramsJson);
    }

    /** Declares or updates a strategy; its trades keep the parameters they were made with. */
    public void upsertStrategy(String strategyId, String type, MarketKey market, String paramsJson, long now) {
        jdbc.update("""
                INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (strategy_id) DO UPDATE SET type = excluded.type, exchange = excluded.exchange,
                    symbol = excluded.symbol, timeframe = excluded.timeframe, params = excluded.params,
                    updated_at = excluded.updated_at
                WHERE strategies.type <> excluded.type OR strategies.exchange <> excluded.exchange
                   OR strategies.symbol <> excluded.symbol OR strategies.timeframe <> excluded.timeframe
                   OR strategies.params <> excluded.params""",
                strategyId, type, market.exchange(), market.symbol(), market.timeframe().code(), paramsJson, now, now);
    }

    /** Stores the trades not stored yet; returns how many were new. */
    public int insertNew(List<TradeRow> trades) {
        if (trades.isEmpty()) {
            return 0;
        }
        // one batch: a replay of a million candles writes thousands of trades in its one transaction
        List<Object[]> rows = trades.stream().map(t -> new Object[] {t.strategyId(), t.runId(), t.symbol(), t.side(),
                plain(t.price()), plain(t.quantity()), plain(t.fee()), t.candleTime(), t.executedAt(), plain(t.pnl()),
                plain(t.pnlPercent()), t.params()}).toList();
        int inserted = 0;
        for (int count : jdbc.batchUpdate("""
                INSERT INTO strategy_trades (strategy_id, run_id, symbol, side, price, quantity, fee, candle_time,
                                             executed_at, pnl, pnl_percent, params)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (strategy_id, run_id, candle_time, side) DO NOTHING""", rows)) {
            inserted += count;
        }
        return inserted;
    }

    /** A run's trades, oldest first. */
    public List<TradeRow> trades(String strategyId, String runId) {
        return jdbc.query(SELECT + " WHERE strategy_id = ? AND run_id = ? ORDER BY candle_time, side", ROW,
                strategyId, runId);
    }

    /** A run's newest {@code n} trades, oldest first. */
    public List<TradeRow> latest(String strategyId, String runId, int n) {
        List<TradeRow> newestFirst = jdbc.query(SELECT
                + " WHERE strategy_id = ? AND run_id = ? ORDER BY candle_time DESC, side DESC LIMIT ?", ROW,
                strategyId, runId, n);
        return newestFirst.reversed();
    }

    /** A run's trades stamped after {@code candleTime} (UTC epoch ms), oldest first. */
    public List<TradeRow> after(String strategyId, String runId, long candleTime) {
        return jdbc.query(SELECT + " WHERE strategy_id = ? AND run_id = ? AND candle_time > ? ORDER BY candle_time, side",
                ROW, strategyId, runId, candleTime);
    }

    /** The run's trade on one side of one candle. */
    public Optional<TradeRow> trade(String strategyId, String runId, long candleTime, String side) {
        return jdbc.query(SELECT + " WHERE strategy_id = ? AND run_id = ? AND candle_time = ? AND side = ?", ROW,
                strategyId, runId, candleTime, side).stream().findFirst();
    }

    /**
     * Every strategy's live trades executed at or after {@code executedFrom} (UTC epoch ms), oldest first: what alerts
     * and the daily loss limits read.
     */
    public List<TradeRow> liveSince(long executedFrom) {
        return jdbc.query(SELECT + " WHERE run_id = ? AND executed_at >= ? ORDER BY executed_at, strategy_id", ROW,
                RunIds.LIVE, executedFrom);
    }

    /** The run's last trade if it is a buy: the position still open. */
    public Optional<TradeRow> openPosition(String strategyId, String runId) {
        return latest(strategyId, runId, 1).stream().filter(t -> t.side().equals("buy")).findFirst();
    }

    private static final String SELECT = """
            SELECT strategy_id, run_id, symbol, side, price, quantity, fee, candle_time, executed_at, pnl,
                   pnl_percent, params
            FROM strategy_trades""";

    private static final RowMapper<TradeRow> ROW = (rs, i) -> new TradeRow(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), decimal(rs.getString(5)), decimal(rs.getString(6)),
            decimal(rs.getString(7)), rs.getLong(8), rs.getLong(9), decimal(rs.getString(10)),
            decimal(rs.getString(11)), rs.getString(12));

    /** Parameters as stored with strategies and trades: a JSON object of texts, keys sorted. */
    public static String json(SortedMap<String, String> params) {
        return params.entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
