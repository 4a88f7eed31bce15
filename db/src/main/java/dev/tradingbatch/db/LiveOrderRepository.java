package dev.tradingbatch.db;

import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The orders of live strategies ({@code live_orders}), owned by live trading: intents committed by the
 * evaluation that decided them, then what sending them came to. Each write is one statement.
 */
public class LiveOrderRepository {

    private static final String COLUMNS = "client_order_id, strategy_id, account, symbol, side, candle_time, quantity,"
            + " quote_quantity, status, exchange_order_id, exchange_status, executed_quantity, executed_quote, reason,"
            + " sends, created_at, updated_at, model_price";

    private static final RowMapper<LiveOrder> ROW = (rs, i) -> new LiveOrder(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), "buy".equals(rs.getString(5)) ? Side.BUY : Side.SELL, rs.getLong(6),
            decimal(rs.getString(7)), decimal(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getString(11),
            decimal(rs.getString(12)), decimal(rs.getString(13)), rs.getString(14), rs.getInt(15), rs.getLong(16),
            rs.getLong(17), decimal(rs.getString(18)));

    private final JdbcTemplate jdbc;

    public LiveOrderRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records the intent, in the caller's transaction; false when the strategy already has an order for that
     * candle and side (an evaluation run again decides the same order, which must not be sent twice).
     */
    public boolean insertIntent(LiveOrder o) {
        return jdbc.update("INSERT INTO live_orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                o.clientOrderId(), o.strategyId(), o.account(), o.symbol(), o.side().code(), o.candleTime(),
                text(o.quantity()), text(o.quoteQuantity()), o.status(), o.exchangeOrderId(), o.exchangeStatus(),
                text(o.executedQuantity()), text(o.executedQuote()), o.reason(), o.sends(), o.createdAt(),
                o.updatedAt(), text(o.modelPrice())) == 1;
    }

    public Optional<LiveOrder> find(String clientOrderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders WHERE client_order_id = ?", ROW, clientOrderId)
                .stream().findFirst();
    }

    /** The account's orders whose outcome is not known yet (intents, and sends without an answer), oldest first. */
    public List<LiveOrder> toSend(String account) {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders WHERE account = ? AND status IN ('intent', 'unknown')"
                + " ORDER BY created_at, client_order_id", ROW, account);
    }

    /** The strategy's orders whose outcome is not known yet, oldest first. */
    public List<LiveOrder> toSend(String account, String strategyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders WHERE account = ? AND strategy_id = ?"
                + " AND status IN ('intent', 'unknown') ORDER BY created_at, client_order_id", ROW, account, strategyId);
    }

    /**
     * The strategy's accepted orders that have no trade in its ledger yet ({@code strategy_trades} under the live
     * run): still filling, or final and their fills not yet applied; oldest first.
     */
    public List<LiveOrder> toSettle(String strategyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders o WHERE strategy_id = ? AND status = 'accepted'"
                + " AND NOT EXISTS (SELECT 1 FROM strategy_trades t WHERE t.strategy_id = o.strategy_id"
                + " AND t.run_id = ? AND t.candle_time = o.candle_time AND t.side = o.side)"
                + " ORDER BY created_at, client_order_id", ROW, strategyId, RunIds.LIVE);
    }

    /**
     * The newest candle time after {@code after} of the strategy's orders whose client order id ends with
     * {@code suffix} (one kind of order, e.g. {@code halt --close}'s), if any: one narrow query, not every order read.
     */
    public OptionalLong latestCandleTime(String strategyId, String suffix, long after) {
        Long latest = jdbc.queryForObject("SELECT MAX(candle_time) FROM live_orders WHERE strategy_id = ?"
                + " AND client_order_id LIKE ? AND candle_time > ?", Long.class, strategyId, "%" + suffix, after);
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    /** The strategy's orders, oldest first. */
    public List<LiveOrder> ofStrategy(String strategyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders WHERE strategy_id = ? ORDER BY created_at,"
                + " client_order_id", ROW, strategyId);
    }

    public List<LiveOrder> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders ORDER BY created_at, client_order_id", ROW);
    }

    /**
     * The orders of one strategy (or all, {@code strategyId} null) in any of {@code statuses} (all, when empty),
     * newest first: what {@code orders} lists.
     */
    public List<LiveOrder> newestFirst(String strategyId, List<String> statuses) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM live_orders WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (strategyId != null) {
            sql.append(" AND strategy_id = ?");
            args.add(strategyId);
        }
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (").append(String.join(", ", Collections.nCopies(statuses.size(), "?")))
                    .append(")");
            args.addAll(statuses);
        }
        sql.append(" ORDER BY created_at DESC, client_order_id DESC");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** The accepted orders, oldest first: with their executed quantities, what each strategy's position is made of. */
    public List<LiveOrder> accepted() {
        return jdbc.query("SELECT " + COLUMNS + " FROM live_orders WHERE status = 'accepted'"
                + " ORDER BY created_at, client_order_id", ROW);
    }

    /** How many orders each strategy has in each status, by strategy id then status: one query (the metrics'). */
    public Map<String, Map<String, Long>> countsByStatus() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.query("SELECT strategy_id, status, COUNT(*) FROM live_orders GROUP BY strategy_id, status",
                (RowCallbackHandler) rs -> counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)));
        return counts;
    }

    /** Whether any order of this strategy is recorded. */
    public boolean hasOrders(String strategyId) {
        return !jdbc.queryForList("SELECT 1 FROM live_orders WHERE strategy_id = ? LIMIT 1", Integer.class, strategyId)
                .isEmpty();
    }

    /** Counts a send about to be made, committed before the request leaves: after a crash, the row says one may have. */
    public void countSend(String clientOrderId, long now) {
        jdbc.update("UPDATE live_orders SET sends = sends + 1, updated_at = ? WHERE client_order_id = ?", now,
                clientOrderId);
    }

    /**
     * Sizes a sell committed unsized ({@link LiveOrder#sizedAtSend()}): its quantity, set only while it is an intent
     * never sent; whether it was.
     */
    public boolean size(String clientOrderId, BigDecimal quantity, long now) {
        return jdbc.update("UPDATE live_orders SET quantity = ?, reason = NULL, updated_at = ? WHERE client_order_id = ?"
                + " AND status = 'intent' AND sends = 0", text(quantity), now, clientOrderId) == 1;
    }

    /** What the exchange answered, or that it did not (status unknown, or intent again with the reason). */
    public void record(String clientOrderId, String status, String exchangeOrderId, String exchangeStatus,
                       BigDecimal executedQuantity, BigDecimal executedQuote, String reason, long now) {
        jdbc.update("UPDATE live_orders SET status = ?, exchange_order_id = ?, exchange_status = ?, executed_quantity = ?,"
                        + " executed_quote = ?, reason = ?, updated_at = ? WHERE client_order_id = ?",
                status, exchangeOrderId, exchangeStatus, text(executedQuantity), text(executedQuote), reason, now,
                clientOrderId);
    }

    private static String text(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
