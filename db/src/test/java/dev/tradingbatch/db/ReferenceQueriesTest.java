package dev.tradingbatch.db;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.MarketKey;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The three reference queries (docs/database.md), verbatim, against the schema the migrations build. */
class ReferenceQueriesTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;
    HikariDataSource ds;
    JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        jdbc = new JdbcTemplate(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void query1ShouldReturnTheLast100CandlesNewestFirst() {
        CandleRepository candles = new CandleRepository(ds);
        MarketKey btc = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
        List<Candle> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rows.add(CandleRepositoryTest.candle(T0 + i * HOUR, "42000." + i, "42100", "41900", "42000.5", "1.5"));
        }
        candles.insertNew(btc, rows);
        candles.insertNew(new MarketKey("binance", "ETH/USDT", Timeframe.H1),
                List.of(CandleRepositoryTest.candle(T0, "2000", "2001", "1999", "2000", "1")));

        List<Map<String, Object>> last = jdbc.queryForList("""
                SELECT * FROM ohlcv_data
                WHERE exchange = 'binance' AND symbol = 'BTC/USDT' AND timeframe = '1h'
                ORDER BY timestamp DESC
                LIMIT 100""");

        assertThat(last).hasSize(100);
        assertThat(last.getFirst()).containsEntry("timestamp", T0 + 149 * HOUR)
                .containsEntry("open", 42000.149).containsEntry("high", 42100.0)
                .containsEntry("low", 41900.0).containsEntry("close", 42000.5).containsEntry("volume", 1.5)
                .containsKeys("exchange", "symbol", "timeframe");
        assertThat(last.getLast()).containsEntry("timestamp", T0 + 50 * HOUR);
    }

    @Test
    void query2ShouldGiveAStrategysTotalsWinsAndLosses() {
        jdbc.update("""
                INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, created_at, updated_at)
                VALUES ('btc-bin-1h', 'rsi', 'binance', 'BTC/USDT', '1h', 0, 0),
                       ('eth-bin-1h', 'macd', 'binance', 'ETH/USDT', '1h', 0, 0)""");
        trade("btc-bin-1h", "buy", 0, null);
        trade("btc-bin-1h", "sell", 1, "12.5");
        trade("btc-bin-1h", "buy", 2, null);
        trade("btc-bin-1h", "sell", 3, "-4.25");
        trade("btc-bin-1h", "buy", 4, null);
        trade("btc-bin-1h", "sell", 5, "7.75");
        trade("eth-bin-1h", "sell", 5, "-100");

        Map<String, Object> perf = jdbc.queryForMap("""
                SELECT
                    strategy_id,
                    COUNT(*) as total_trades,
                    SUM(pnl) as total_pnl,
                    AVG(pnl_percent) as avg_return,
                    SUM(CASE WHEN pnl > 0 THEN 1 ELSE 0 END) as winning_trades,
                    SUM(CASE WHEN pnl < 0 THEN 1 ELSE 0 END) as losing_trades
                FROM trades
                WHERE strategy_id = 'btc-bin-1h'
                GROUP BY strategy_id""");

        assertThat(wholeNumbersAsLong(perf)).containsEntry("strategy_id", "btc-bin-1h").containsEntry("total_trades", 6L)
                .containsEntry("total_pnl", 16.0).containsEntry("avg_return", (1.25 - 0.425 + 0.775) / 3)
                .containsEntry("winning_trades", 2L).containsEntry("losing_trades", 1L);
    }

    @Test
    void query3ShouldGiveEachSeriesEarliestAndLatestCandle() {
        CandleRepository candles = new CandleRepository(ds);
        candles.insertNew(new MarketKey("binance", "BTC/USDT", Timeframe.H1), List.of(
                CandleRepositoryTest.candle(T0, "1", "1", "1", "1", "1"),
                CandleRepositoryTest.candle(T0 + 5 * HOUR, "1", "1", "1", "1", "1")));
        candles.insertNew(new MarketKey("kraken", "BTC/USD", Timeframe.M5), List.of(
                CandleRepositoryTest.candle(T0, "1", "1", "1", "1", "1")));

        List<Map<String, Object>> ranges = jdbc.queryForList("""
                SELECT
                    exchange,
                    symbol,
                    timeframe,
                    MIN(timestamp) as earliest,
                    MAX(timestamp) as latest,
                    COUNT(*) as candle_count
                FROM ohlcv_data
                GROUP BY exchange, symbol, timeframe""");

        assertThat(ranges.stream().map(ReferenceQueriesTest::wholeNumbersAsLong)).containsExactlyInAnyOrder(
                Map.of("exchange", "binance", "symbol", "BTC/USDT", "timeframe", "1h",
                        "earliest", T0, "latest", T0 + 5 * HOUR, "candle_count", 2L),
                Map.of("exchange", "kraken", "symbol", "BTC/USD", "timeframe", "5m",
                        "earliest", T0, "latest", T0, "candle_count", 1L));
    }

    /** A row with its whole numbers as Long: SQLite gives a count as Integer when it is small, PostgreSQL as Long. */
    static Map<String, Object> wholeNumbersAsLong(Map<String, Object> row) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> result.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
        return result;
    }

    private void trade(String strategy, String side, int n, String pnl) {
        jdbc.update("""
                INSERT INTO strategy_trades (strategy_id, symbol, side, price, quantity, fee, candle_time,
                                             executed_at, pnl, pnl_percent)
                VALUES (?, 'BTC/USDT', ?, '42000.5', '0.0238', '1.0', ?, ?, ?, ?)""",
                strategy, side, T0 + n * HOUR, T0 + n * HOUR, pnl,
                pnl == null ? null : String.valueOf(Double.parseDouble(pnl) / 10));
    }
}
