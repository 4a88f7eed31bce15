package dev.tradingbatch.db;

import dev.tradingbatch.model.MarketKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The candles of one series before a point in time, as {@code archive} sees them: how many there
 * are, their open times, and the one delete that removes them once they are safely exported.
 */
public class ArchivedCandleRepository {

    private static final String SERIES = """
            market_id = (SELECT market_id FROM markets WHERE exchange = ? AND symbol = ? AND timeframe = ?)""";

    private final JdbcTemplate jdbc;

    public ArchivedCandleRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Number of candles and first and last open time (UTC epoch ms) of a stretch of one series. */
    public record Span(long count, long first, long last) {
    }

    /** The stored candles of the series with open time in {@code [from, to)}; empty when there are none. */
    public Optional<Span> span(MarketKey key, long from, long to) {
        List<Span> spans = jdbc.query("SELECT COUNT(*), MIN(open_time), MAX(open_time) FROM candles WHERE " + SERIES
                        + " AND open_time >= ? AND open_time < ?",
                (rs, i) -> new Span(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                key.exchange(), key.symbol(), key.timeframe().code(), from, to);
        return spans.stream().filter(s -> s.count() > 0).findFirst();
    }

    /** Streams the open times (UTC epoch ms) of the series' candles before {@code before}, oldest first. */
    public void forEachOpenTimeBefore(MarketKey key, long before, LongConsumer consumer) {
        jdbc.query("SELECT open_time FROM candles WHERE " + SERIES + " AND open_time < ? ORDER BY open_time",
                (RowCallbackHandler) rs -> consumer.accept(rs.getLong(1)),
                key.exchange(), key.symbol(), key.timeframe().code(), before);
    }

    /**
     * Deletes the series' candles before {@code before}; returns how many. The series itself (its
     * row in {@code markets}, with its decimal scales) stays, so a re-import stores the same values.
     */
    public int deleteBefore(MarketKey key, long before) {
        return jdbc.update("DELETE FROM candles WHERE " + SERIES + " AND open_time < ?",
                key.exchange(), key.symbol(), key.timeframe().code(), before);
    }
}
