package dev.tradingbatch.db;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Gap;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Missing ranges inside stored series, computed from the timeframe grid (a range is missing where
 * two neighbouring stored candles are more than one timeframe apart), and what exchanges answered
 * when asked for them ({@code gap_asks}, shared cached data).
 */
public class GapRepository {

    private final JdbcTemplate jdbc;

    public GapRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Every missing range of the series between its first and last stored candle whose start lies in
     * {@code [from, to)}, oldest first, each with what earlier asks for exactly that range found.
     */
    public List<Gap> gaps(MarketKey market, long from, long to) {
        long tf = market.timeframe().millis();
        Map<List<Long>, Gap> asked = new HashMap<>();
        jdbc.query("""
                SELECT a.range_start, a.range_end, a.asks, a.last_found, a.confirmed_empty
                FROM gap_asks a JOIN markets m ON m.market_id = a.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?""",
                rs -> {
                    asked.put(List.of(rs.getLong(1), rs.getLong(2)), new Gap(market, rs.getLong(1), rs.getLong(2),
                            rs.getInt(3), rs.getLong(4), rs.getInt(5) != 0));
                }, market.exchange(), market.symbol(), market.timeframe().code());
        List<Gap> gaps = new ArrayList<>();
        // LAG over the primary key order: one pass over the series' rows, no sort
        jdbc.query("""
                SELECT prev + ?, open_time FROM (
                    SELECT c.open_time, LAG(c.open_time) OVER (ORDER BY c.open_time) AS prev
                    FROM candles c JOIN markets m ON m.market_id = c.market_id
                    WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?) t
                WHERE open_time - prev > ? AND prev + ? >= ? AND prev + ? < ?
                ORDER BY open_time""",
                rs -> {
                    long start = rs.getLong(1);
                    long end = rs.getLong(2);
                    Gap known = asked.get(List.of(start, end));
                    gaps.add(known != null ? known : new Gap(market, start, end, 0, 0, false));
                }, tf, market.exchange(), market.symbol(), market.timeframe().code(), tf, tf, from, tf, to);
        return gaps;
    }

    /**
     * Records one ask for exactly {@code [start, end)} that brought back {@code found} candles. The
     * range becomes confirmed empty when it has now been answered empty {@code maxAsks} times in all.
     *
     * @return whether the range is now confirmed empty
     */
    public boolean recordAsk(MarketKey market, long start, long end, long found, int maxAsks, long now,
                          Long jobExecutionId) {
        jdbc.update("""
                INSERT INTO gap_asks (market_id, range_start, range_end, asks, last_found, last_asked_at,
                                      last_job_execution_id, confirmed_empty)
                SELECT market_id, ?, ?, 1, ?, ?, ?, CASE WHEN ? = 0 AND ? <= 1 THEN 1 ELSE 0 END
                FROM markets WHERE exchange = ? AND symbol = ? AND timeframe = ?
                ON CONFLICT (market_id, range_start, range_end) DO UPDATE SET
                    asks = gap_asks.asks + 1,
                    last_found = excluded.last_found,
                    last_asked_at = excluded.last_asked_at,
                    last_job_execution_id = excluded.last_job_execution_id,
                    confirmed_empty = CASE WHEN excluded.last_found = 0 AND gap_asks.asks + 1 >= ? THEN 1 ELSE 0 END""",
                start, end, found, now, jobExecutionId, found, maxAsks,
                market.exchange(), market.symbol(), market.timeframe().code(), maxAsks);
        Integer confirmed = jdbc.queryForObject("""
                SELECT a.confirmed_empty FROM gap_asks a JOIN markets m ON m.market_id = a.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ? AND a.range_start = ? AND a.range_end = ?""",
                Integer.class, market.exchange(), market.symbol(), market.timeframe().code(), start, end);
        return confirmed != null && confirmed != 0;
    }
}
