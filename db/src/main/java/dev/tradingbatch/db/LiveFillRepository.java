package dev.tradingbatch.db;

import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.Side;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;

/**
 * The real fills of live strategies' orders ({@code live_fills}), owned by live trading: each stored once by its
 * exchange trade id (text, as the exchange sent it), read back as a strategy's sub-ledger (its own orders' fills only).
 */
public class LiveFillRepository {

    private static final String SELECT = """
            SELECT f.account, f.symbol, f.trade_id, f.client_order_id, o.side, f.price, f.quantity, f.quote_quantity,
                   f.commission, f.commission_asset, f.traded_at
            FROM live_fills f JOIN live_orders o ON o.client_order_id = f.client_order_id""";

    private static final RowMapper<LiveFill> ROW = (rs, i) -> new LiveFill(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), "buy".equals(rs.getString(5)) ? Side.BUY : Side.SELL,
            new BigDecimal(rs.getString(6)), new BigDecimal(rs.getString(7)), new BigDecimal(rs.getString(8)),
            new BigDecimal(rs.getString(9)), rs.getString(10), rs.getLong(11));

    /** Oldest first; within a millisecond by trade id, numbers by value (fewer digits first, then as text). */
    private static final String ORDER = "f.traded_at, LENGTH(f.trade_id), f.trade_id";

    private final JdbcTemplate jdbc;

    public LiveFillRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Stores the fills not stored yet (by account, symbol and trade id), in the caller's transaction; how many were new. */
    public int insertNew(List<LiveFill> fills) {
        int inserted = 0;
        for (LiveFill f : fills) {
            inserted += jdbc.update("""
                            INSERT INTO live_fills (account, symbol, trade_id, client_order_id, price, quantity,
                                                    quote_quantity, commission, commission_asset, traded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (account, symbol, trade_id) DO NOTHING""",
                    f.account(), f.symbol(), f.tradeId(), f.clientOrderId(), f.price().toPlainString(),
                    f.quantity().toPlainString(), f.quoteQuantity().toPlainString(), f.commission().toPlainString(),
                    f.commissionAsset(), f.tradedAt());
        }
        return inserted;
    }

    /**
     * Renames the order's fill stored under {@code formerId} (its id before V18, see
     * {@code SpotOrders.formerTradeId}) to {@code tradeId}, its id as sent, unless a fill of that id is stored already;
     * whether one was renamed. In the caller's transaction, before {@link #insertNew}: the trade read again is then
     * the fill stored, not a new one.
     */
    public boolean rename(String account, String symbol, String clientOrderId, String formerId, String tradeId) {
        return jdbc.update("""
                        UPDATE live_fills SET trade_id = ?
                        WHERE account = ? AND symbol = ? AND trade_id = ? AND client_order_id = ?
                          AND NOT EXISTS (SELECT 1 FROM live_fills g
                                          WHERE g.account = ? AND g.symbol = ? AND g.trade_id = ?)""",
                tradeId, account, symbol, formerId, clientOrderId, account, symbol, tradeId) > 0;
    }

    /** The fills of one order, oldest first. */
    public List<LiveFill> ofOrder(String clientOrderId) {
        return jdbc.query(SELECT + " WHERE f.client_order_id = ? ORDER BY " + ORDER, ROW, clientOrderId);
    }

    /** The fills of the strategy's own orders, oldest first: its sub-ledger. */
    public List<LiveFill> ofStrategy(String strategyId) {
        return jdbc.query(SELECT + " WHERE o.strategy_id = ? ORDER BY " + ORDER, ROW, strategyId);
    }
}
