package dev.tradingbatch.db;

import dev.tradingbatch.model.MarketKey;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * Which stored candles were derived from an exchange's public trades rather than published as candles
 * ({@code derived_candle_ranges}, market data): a candle is derived when its open time lies in one of its series'
 * ranges.
 */
public class DerivedCandleRepository {

    /** What derived candles were built from. */
    public static final String TRADES = "trades";

    /** One range of open times {@code [start, end)}, epoch ms UTC, whose stored candles were derived. */
    public record Range(long start, long end) {
    }

    private final JdbcTemplate jdbc;

    public DerivedCandleRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records that the candles of {@code market} opening in {@code [start, end)} were derived from trades; a range
     * recorded before from the same start (a restarted backfill) is extended, never shortened. Nothing is recorded
     * for a series with no stored candle.
     */
    public void record(MarketKey market, long start, long end, long now) {
        jdbc.update("""
                INSERT INTO derived_candle_ranges (market_id, range_start, range_end, source, recorded_at)
                SELECT market_id, ?, ?, ?, ? FROM markets WHERE exchange = ? AND symbol = ? AND timeframe = ?
                ON CONFLICT (market_id, range_start) DO UPDATE SET
                    range_end = CASE WHEN excluded.range_end > derived_candle_ranges.range_end
                                     THEN excluded.range_end ELSE derived_candle_ranges.range_end END,
                    recorded_at = excluded.recorded_at""",
                start, end, TRADES, now, market.exchange(), market.symbol(), market.timeframe().code());
    }

    /** The series' derived ranges, oldest first. */
    public List<Range> ranges(MarketKey market) {
        return jdbc.query("""
                SELECT d.range_start, d.range_end FROM derived_candle_ranges d
                JOIN markets m ON m.market_id = d.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?
                ORDER BY d.range_start""",
                (rs, i) -> new Range(rs.getLong(1), rs.getLong(2)),
                market.exchange(), market.symbol(), market.timeframe().code());
    }

    /** How many of the series' stored candles are derived. */
    public long count(MarketKey market) {
        Long n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM candles c JOIN markets m ON m.market_id = c.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?
                  AND EXISTS (SELECT 1 FROM derived_candle_ranges d WHERE d.market_id = c.market_id
                              AND c.open_time >= d.range_start AND c.open_time < d.range_end)""",
                Long.class, market.exchange(), market.symbol(), market.timeframe().code());
        return n == null ? 0 : n;
    }
}
