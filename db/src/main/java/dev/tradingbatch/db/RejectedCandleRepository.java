package dev.tradingbatch.db;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.MarketKey;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/** Candles that failed validation, kept verbatim with the reason so a user can see what was refused. */
public class RejectedCandleRepository {

    private final JdbcTemplate jdbc;

    public RejectedCandleRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One refused row as stored. */
    public record Rejected(MarketKey market, String openTime, String raw, String reason) {
    }

    /** Keeps the row (once: the same row refused again by a re-run is not added twice). */
    public void add(MarketKey key, RawCandle raw, String reason, Long jobExecutionId, long nowMillis) {
        jdbc.update("""
                INSERT INTO rejected_candles
                    (exchange, symbol, timeframe, open_time, raw, reason, job_execution_id, rejected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (exchange, symbol, timeframe, raw) DO NOTHING""",
                key.exchange(), key.symbol(), key.timeframe().code(), raw.openTime(), raw.asLine(), reason,
                jobExecutionId, nowMillis);
    }

    public List<Rejected> findAll(MarketKey key) {
        return jdbc.query("""
                SELECT open_time, raw, reason FROM rejected_candles
                WHERE exchange = ? AND symbol = ? AND timeframe = ? ORDER BY id""",
                (rs, i) -> new Rejected(key, rs.getString(1), rs.getString(2), rs.getString(3)),
                key.exchange(), key.symbol(), key.timeframe().code());
    }
}
