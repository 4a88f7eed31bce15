package dev.tradingbatch.db;

import dev.tradingbatch.model.MarketRules;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one owner of {@code market_metadata} (cached data, shared by every process): each market's order rules as
 * its exchange published them when last asked, keyed by exchange and symbol (BASE/QUOTE), whatever the timeframe.
 * Decimals are stored as the exchange's text ({@code 0.00001000}); the precision columns hold the decimals of the
 * step and tick for readers of the table. A row written by hand with only {@code amount_precision} reads as a step
 * of 10^-amount_precision.
 */
public class MarketRulesRepository {

    private final JdbcTemplate jdbc;

    public MarketRulesRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A market's rules and when they were fetched (UTC epoch ms). */
    public record Stored(MarketRules rules, long fetchedAt) {
    }

    /** The market's stored rules, if its exchange was ever asked (or a row was written by hand). */
    public Optional<Stored> find(String exchange, String symbol) {
        return jdbc.query("""
                SELECT amount_step, amount_precision, price_tick, price_precision, min_order_size, min_notional,
                       fetched_at
                FROM market_metadata WHERE exchange = ? AND symbol = ?""",
                (rs, i) -> new Stored(new MarketRules(step(rs, 1, 2), step(rs, 3, 4), decimal(rs, 5),
                        decimal(rs, 6)), rs.getLong(7)), exchange, symbol).stream().findFirst();
    }

    /** The market's rules; none (no step, no minimum) when its exchange was never asked or it has no exchange. */
    public MarketRules rules(String exchange, String symbol) {
        return find(exchange, symbol).map(Stored::rules).orElse(MarketRules.NONE);
    }

    /** Stores what the exchange answered at {@code fetchedAt}, replacing the market's earlier rules. */
    public void save(String exchange, String symbol, MarketRules rules, long fetchedAt) {
        jdbc.update("""
                INSERT INTO market_metadata (exchange, symbol, price_precision, amount_precision, min_order_size,
                                             fetched_at, amount_step, price_tick, min_notional)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (exchange, symbol) DO UPDATE SET
                    price_precision = excluded.price_precision, amount_precision = excluded.amount_precision,
                    min_order_size = excluded.min_order_size, fetched_at = excluded.fetched_at,
                    amount_step = excluded.amount_step, price_tick = excluded.price_tick,
                    min_notional = excluded.min_notional""",
                exchange, symbol, decimals(rules.priceTick()), decimals(rules.amountStep()), text(rules.minQuantity()),
                fetchedAt, text(rules.amountStep()), text(rules.priceTick()), text(rules.minNotional()));
    }

    private static BigDecimal step(ResultSet rs, int textColumn, int decimalsColumn) throws SQLException {
        BigDecimal exact = decimal(rs, textColumn);
        if (exact != null) {
            return exact;
        }
        int decimals = rs.getInt(decimalsColumn);
        return rs.wasNull() ? null : BigDecimal.ONE.movePointLeft(decimals);
    }

    private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : new BigDecimal(text);
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** Decimals of a step or tick without its trailing zeros: 0.00001000 has 5, 1 has 0. */
    private static Integer decimals(BigDecimal step) {
        return step == null ? null : Math.max(0, step.stripTrailingZeros().scale());
    }
}
