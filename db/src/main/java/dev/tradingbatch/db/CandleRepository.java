package dev.tradingbatch.db;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Shared market data: stores each closed candle once and reads the exact decimals back.
 * Callers run {@link #insertNew} inside a transaction (a Spring Batch chunk's): a series whose
 * decimals grow is rescaled in that same transaction.
 */
public class CandleRepository {

    private static final String INSERT = """
            INSERT INTO candles (market_id, open_time, open, high_up, low_down, close_delta, volume)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (market_id, open_time) DO NOTHING""";

    private final JdbcTemplate jdbc;

    public CandleRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** What one insert did: candles newly stored, and candles whose values cannot be held exactly. */
    public record InsertResult(int inserted, List<Candle> unstorable) {
    }

    /**
     * Inserts the candles not stored yet (same market and open time: left as stored).
     * A candle that needs more decimals than {@link ScaledDecimal#MAX_SCALE}, or whose scaled value
     * would not fit 64 bits, is not stored and is returned in {@link InsertResult#unstorable()}.
     */
    public InsertResult insertNew(MarketKey key, List<Candle> candles) {
        if (candles.isEmpty()) {
            return new InsertResult(0, List.of());
        }
        Series series = seriesFor(key);
        List<Candle> unstorable = new ArrayList<>();
        List<Candle> storable = new ArrayList<>();
        int priceScale = series.priceScale;
        int volumeScale = series.volumeScale;
        for (Candle c : candles) {
            int ps = Math.max(priceScale, priceScaleOf(c));
            int vs = Math.max(volumeScale, ScaledDecimal.scaleOf(c.volume()));
            if (ps > ScaledDecimal.MAX_SCALE || vs > ScaledDecimal.MAX_SCALE) {
                unstorable.add(c);
            } else {
                storable.add(c);
                priceScale = ps;
                volumeScale = vs;
            }
        }
        if (priceScale != series.priceScale || volumeScale != series.volumeScale) {
            series = rescale(series, priceScale, volumeScale);
        }
        List<long[]> rows = new ArrayList<>(storable.size());
        for (Candle c : storable) {
            long[] row = encode(series, c);
            if (row == null) {
                unstorable.add(c);
            } else {
                rows.add(row);
            }
        }
        int inserted = 0;
        for (int count : jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                long[] row = rows.get(i);
                for (int column = 0; column < row.length; column++) {
                    ps.setLong(column + 1, row[column]);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        })) {
            inserted += count;
        }
        return new InsertResult(inserted, List.copyOf(unstorable));
    }

    /** Open time (UTC epoch ms) of the newest stored candle of the series: one index lookup. */
    public OptionalLong latestOpenTime(MarketKey key) {
        return openTime("MAX", key);
    }

    /** Open time (UTC epoch ms) of the oldest stored candle of the series: one index lookup. */
    public OptionalLong firstOpenTime(MarketKey key) {
        return openTime("MIN", key);
    }

    private OptionalLong openTime(String aggregate, MarketKey key) {
        Long time = jdbc.queryForObject("SELECT " + aggregate + """
                (c.open_time) FROM candles c
                JOIN markets m ON m.market_id = c.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?""",
                Long.class, key.exchange(), key.symbol(), key.timeframe().code());
        return time == null ? OptionalLong.empty() : OptionalLong.of(time);
    }

    /** Whether any candle of the series has its open time in {@code [from, to)}. */
    public boolean anyIn(MarketKey key, long from, long to) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM candles c JOIN markets m ON m.market_id = c.market_id
                               WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?
                                 AND c.open_time >= ? AND c.open_time < ?)""",
                Boolean.class, key.exchange(), key.symbol(), key.timeframe().code(), from, to));
    }

    /**
     * Open time (UTC epoch ms) of the {@code count}-th stored candle before {@code before}: where a strategy's
     * warm-up of {@code count} candles starts, whatever gaps lie between. {@code before} itself for a count of 0;
     * empty when fewer than {@code count} candles are stored before it.
     */
    public OptionalLong openTimeBefore(MarketKey key, long before, int count) {
        if (count <= 0) {
            return OptionalLong.of(before);
        }
        List<Long> time = jdbc.queryForList("""
                SELECT c.open_time FROM candles c
                JOIN markets m ON m.market_id = c.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ? AND c.open_time < ?
                ORDER BY c.open_time DESC LIMIT 1 OFFSET ?""",
                Long.class, key.exchange(), key.symbol(), key.timeframe().code(), before, count - 1);
        return time.isEmpty() ? OptionalLong.empty() : OptionalLong.of(time.getFirst());
    }

    /** Open time (UTC epoch ms) of the series' stored candle at {@code index} (0: the oldest), if there is one. */
    public OptionalLong openTimeAt(MarketKey key, int index) {
        List<Long> time = jdbc.queryForList("""
                SELECT c.open_time FROM candles c
                JOIN markets m ON m.market_id = c.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?
                ORDER BY c.open_time LIMIT 1 OFFSET ?""",
                Long.class, key.exchange(), key.symbol(), key.timeframe().code(), index);
        return time.isEmpty() ? OptionalLong.empty() : OptionalLong.of(time.getFirst());
    }

    /** How many candles of the series are stored with open time in {@code [from, to)}. */
    public long count(MarketKey key, long from, long to) {
        Long count = jdbc.queryForObject("""
                SELECT COUNT(*) FROM candles c JOIN markets m ON m.market_id = c.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ? AND c.open_time >= ? AND c.open_time < ?""",
                Long.class, key.exchange(), key.symbol(), key.timeframe().code(), from, to);
        return count == null ? 0 : count;
    }

    /** Stored candles with open time in {@code [from, to)}, oldest first, at the series' scale. */
    public List<Candle> find(MarketKey key, long from, long to) {
        List<Candle> candles = new ArrayList<>();
        forEach(key, from, to, candles::add);
        return candles;
    }

    /**
     * Streams the stored candles with open time in {@code [from, to)}, oldest first, to {@code consumer}:
     * one query, rows decoded as they come, nothing held (a replay of millions of candles).
     */
    public void forEach(MarketKey key, long from, long to, Consumer<Candle> consumer) {
        forEachStored(key, from, to, stored -> consumer.accept(stored.toCandle()));
    }

    /**
     * {@link #forEach}, each candle handed over as stored (scaled integers), for a caller that needs exact
     * decimals only now and then: a replay turns millions of candles into doubles for its indicators.
     */
    public void forEachStored(MarketKey key, long from, long to, Consumer<StoredCandle> consumer) {
        jdbc.query("""
                SELECT c.open_time, c.open, c.high_up, c.low_down, c.close_delta, c.volume,
                       m.price_scale, m.volume_scale
                FROM markets m
                JOIN candles c ON c.market_id = m.market_id
                WHERE m.exchange = ? AND m.symbol = ? AND m.timeframe = ?
                  AND c.open_time >= ? AND c.open_time < ?
                ORDER BY c.open_time""",
                new RowCallbackHandler() {
                    // One market's rows: its scales are the same on every row (read in one statement), read once.
                    private int priceScale = -1;
                    private int volumeScale;

                    @Override
                    public void processRow(ResultSet rs) throws SQLException {
                        if (priceScale < 0) {
                            priceScale = rs.getInt(7);
                            volumeScale = rs.getInt(8);
                        }
                        long open = rs.getLong(2);
                        consumer.accept(new StoredCandle(rs.getLong(1), open, open + rs.getLong(3),
                                open - rs.getLong(4), open + rs.getLong(5), rs.getLong(6), priceScale, volumeScale));
                    }
                },
                key.exchange(), key.symbol(), key.timeframe().code(), from, to);
    }

    /** Every stored series with its first and last candle and count (empty series left out). */
    public List<MarketSummary> summaries() {
        return jdbc.query("""
                SELECT m.exchange, m.symbol, m.timeframe,
                       MIN(c.open_time), MAX(c.open_time), COUNT(*)
                FROM markets m
                JOIN candles c ON c.market_id = m.market_id
                GROUP BY m.market_id, m.exchange, m.symbol, m.timeframe
                ORDER BY m.exchange, m.symbol, m.timeframe""",
                (rs, i) -> new MarketSummary(
                        new MarketKey(rs.getString(1), rs.getString(2), Timeframe.parse(rs.getString(3))),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)));
    }

    private record Series(long id, int priceScale, int volumeScale) {
    }

    private Series seriesFor(MarketKey key) {
        jdbc.update("INSERT INTO markets (exchange, symbol, timeframe) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                key.exchange(), key.symbol(), key.timeframe().code());
        return jdbc.queryForObject("""
                SELECT market_id, price_scale, volume_scale FROM markets
                WHERE exchange = ? AND symbol = ? AND timeframe = ?""",
                (rs, i) -> new Series(rs.getLong(1), rs.getInt(2), rs.getInt(3)),
                key.exchange(), key.symbol(), key.timeframe().code());
    }

    /**
     * Raises the series' scales and multiplies its stored values to match. The scales only grow,
     * so stored values stay exact; a rescale that would overflow keeps the old scales.
     */
    private Series rescale(Series series, int priceScale, int volumeScale) {
        long priceFactor = ScaledDecimal.unit(priceScale - series.priceScale);
        long volumeFactor = ScaledDecimal.unit(volumeScale - series.volumeScale);
        long[] max = jdbc.queryForObject("""
                SELECT COALESCE(MAX(ABS(open) + high_up), 0), COALESCE(MAX(volume), 0)
                FROM candles WHERE market_id = ?""",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, series.id);
        try {
            Math.multiplyExact(max[0], priceFactor);
            Math.multiplyExact(max[1], volumeFactor);
        } catch (ArithmeticException e) {
            return series;
        }
        if (priceFactor != 1 || volumeFactor != 1) {
            jdbc.update("""
                    UPDATE candles SET open = open * ?, high_up = high_up * ?, low_down = low_down * ?,
                                       close_delta = close_delta * ?, volume = volume * ?
                    WHERE market_id = ?""",
                    priceFactor, priceFactor, priceFactor, priceFactor, volumeFactor, series.id);
        }
        jdbc.update("""
                UPDATE markets SET price_scale = ?, volume_scale = ?, price_unit = ?, volume_unit = ?
                WHERE market_id = ?""",
                priceScale, volumeScale, ScaledDecimal.unit(priceScale), ScaledDecimal.unit(volumeScale),
                series.id);
        return new Series(series.id, priceScale, volumeScale);
    }

    private static int priceScaleOf(Candle c) {
        return Math.max(Math.max(ScaledDecimal.scaleOf(c.open()), ScaledDecimal.scaleOf(c.high())),
                Math.max(ScaledDecimal.scaleOf(c.low()), ScaledDecimal.scaleOf(c.close())));
    }

    /**
     * The candle's row at the series' scales, or null when a value does not fit (scale or 64 bits): seven
     * integers, bound with {@code setLong} (no boxing, no per-value type lookup).
     */
    private static long[] encode(Series s, Candle c) {
        try {
            long open = ScaledDecimal.toLong(c.open(), s.priceScale);
            return new long[] {s.id, c.openTime(), open,
                    Math.subtractExact(ScaledDecimal.toLong(c.high(), s.priceScale), open),
                    Math.subtractExact(open, ScaledDecimal.toLong(c.low(), s.priceScale)),
                    Math.subtractExact(ScaledDecimal.toLong(c.close(), s.priceScale), open),
                    ScaledDecimal.toLong(c.volume(), s.volumeScale)};
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Exposed for validation messages. */
    public static int maxDecimals() {
        return ScaledDecimal.MAX_SCALE;
    }
}
