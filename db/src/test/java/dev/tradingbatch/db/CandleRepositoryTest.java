package dev.tradingbatch.db;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CandleRepositoryTest {

    private static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    CandleRepository candles;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        candles = new CandleRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldReadBackTheExactDecimalsStored() {
        Candle c = candle(T0, "42000.01", "42100.5", "41999.99", "42050.00000001", "12.34567");

        assertThat(candles.insertNew(BTC, List.of(c)).inserted()).isEqualTo(1);

        Candle back = candles.find(BTC, T0, T0 + 1).getFirst();
        assertThat(back.openTime()).isEqualTo(T0);
        assertThat(back.open()).isEqualByComparingTo("42000.01");
        assertThat(back.high()).isEqualByComparingTo("42100.5");
        assertThat(back.low()).isEqualByComparingTo("41999.99");
        assertThat(back.close()).isEqualByComparingTo("42050.00000001");
        assertThat(back.volume()).isEqualByComparingTo("12.34567");
    }

    @Test
    void shouldFindWhereAWarmUpOfSoManyCandlesStartsAcrossGaps() {
        long h = Timeframe.H1.millis();
        // candles at hours 0, 1, 2, 5, 6 (hours 3 and 4 missing), then 8
        for (int hour : new int[] {0, 1, 2, 5, 6, 8}) {
            candles.insertNew(BTC, List.of(candle(T0 + hour * h, "1", "2", "0.5", "1.5", "3")));
        }

        assertThat(candles.openTimeBefore(BTC, T0 + 8 * h, 1)).hasValue(T0 + 6 * h);
        assertThat(candles.openTimeBefore(BTC, T0 + 8 * h, 3)).hasValue(T0 + 2 * h);
        assertThat(candles.openTimeBefore(BTC, T0 + 8 * h, 5)).hasValue(T0);
        assertThat(candles.openTimeBefore(BTC, T0 + 8 * h, 6)).isEmpty();
        assertThat(candles.openTimeBefore(BTC, T0 + 8 * h, 0)).hasValue(T0 + 8 * h);
        assertThat(candles.count(BTC, T0, T0 + 8 * h)).isEqualTo(5);
        assertThat(candles.count(BTC, T0 + 3 * h, T0 + 5 * h)).isZero();
        assertThat(candles.openTimeAt(BTC, 0)).hasValue(T0);
        assertThat(candles.openTimeAt(BTC, 3)).hasValue(T0 + 5 * h);
        assertThat(candles.openTimeAt(BTC, 6)).isEmpty();
    }

    @Test
    void shouldSkipCandlesAlreadyStored() {
        candles.insertNew(BTC, List.of(candle(T0, "1", "2", "0.5", "1.5", "3")));

        var result = candles.insertNew(BTC, List.of(
                candle(T0, "9", "9", "9", "9", "9"),
                candle(T0 + 3_600_000, "2", "3", "1", "2.5", "4")));

        assertThat(result.inserted()).isEqualTo(1);
        List<Candle> stored = candles.find(BTC, T0, T0 + 7_200_000);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).open()).isEqualByComparingTo("1");
        assertThat(stored.get(1).close()).isEqualByComparingTo("2.5");
    }

    @Test
    void shouldRescaleStoredCandlesWhenMoreDecimalsArrive() {
        candles.insertNew(BTC, List.of(candle(T0, "100", "110", "90", "105", "7")));

        candles.insertNew(BTC, List.of(candle(T0 + 3_600_000, "105.125", "106", "104.5", "105.5", "0.001")));

        List<Candle> back = candles.find(BTC, T0, T0 + 7_200_000);
        assertThat(back.get(0).high()).isEqualByComparingTo("110");
        assertThat(back.get(0).volume()).isEqualByComparingTo("7");
        assertThat(back.get(1).open()).isEqualByComparingTo("105.125");
        assertThat(back.get(1).volume()).isEqualByComparingTo("0.001");
        assertThat(new JdbcTemplate(ds).queryForMap("SELECT price_scale, volume_scale FROM markets"))
                .containsEntry("price_scale", 3).containsEntry("volume_scale", 3);
    }

    @Test
    void shouldRefuseValuesThatCannotBeHeldExactly() {
        Candle tooPrecise = candle(T0, "1.0000000000001", "2", "1", "1.5", "1");

        var result = candles.insertNew(BTC, List.of(tooPrecise));

        assertThat(result.inserted()).isZero();
        assertThat(result.unstorable()).containsExactly(tooPrecise);
        assertThat(candles.find(BTC, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void shouldSummariseEachStoredSeries() {
        MarketKey eth = new MarketKey("kraken", "ETH/USD", Timeframe.M5);
        candles.insertNew(BTC, List.of(candle(T0, "1", "1", "1", "1", "1"),
                candle(T0 + 7_200_000, "1", "1", "1", "1", "1")));
        candles.insertNew(eth, List.of(candle(T0, "1", "1", "1", "1", "1")));

        assertThat(candles.summaries()).containsExactly(
                new MarketSummary(BTC, T0, T0 + 7_200_000, 2),
                new MarketSummary(eth, T0, T0, 1));
        assertThat(candles.latestOpenTime(BTC)).hasValue(T0 + 7_200_000);
        assertThat(candles.latestOpenTime(new MarketKey("coinbase", "BTC/USD", Timeframe.H1))).isEmpty();
    }

    static Candle candle(long t, String o, String h, String l, String c, String v) {
        return new Candle(t, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c),
                new BigDecimal(v));
    }
}
