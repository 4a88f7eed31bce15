package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedCandleRepositoryTest {

    private static final long T0 = 1_672_531_200_000L; // 2023-01-01T00:00:00Z
    private static final long H = Timeframe.H1.millis();
    private static final MarketKey KRAKEN = new MarketKey("kraken", "BTC/USD", Timeframe.H1);

    @TempDir
    Path dir;
    HikariDataSource ds;
    DerivedCandleRepository derived;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        derived = new DerivedCandleRepository(ds);
        BigDecimal one = BigDecimal.ONE;
        new CandleRepository(ds).insertNew(KRAKEN, LongStream.range(0, 10)
                .mapToObj(h -> new Candle(T0 + h * H, one, one, one, one, one)).toList());
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldCountTheStoredCandlesInsideTheDerivedRangesOnly() {
        derived.record(KRAKEN, T0, T0 + 3 * H, T0);

        assertThat(derived.count(KRAKEN)).isEqualTo(3);
        assertThat(derived.count(new MarketKey("kraken", "BTC/USD", Timeframe.D1))).isZero();
    }

    @Test
    void shouldExtendARangeRecordedAgainFromTheSameStartAndNeverShortenIt() {
        derived.record(KRAKEN, T0, T0 + 2 * H, T0);
        derived.record(KRAKEN, T0, T0 + 5 * H, T0 + 1);
        derived.record(KRAKEN, T0, T0 + 4 * H, T0 + 2);
        derived.record(KRAKEN, T0 + 8 * H, T0 + 9 * H, T0 + 3);

        assertThat(derived.ranges(KRAKEN)).containsExactly(new DerivedCandleRepository.Range(T0, T0 + 5 * H),
                new DerivedCandleRepository.Range(T0 + 8 * H, T0 + 9 * H));
        assertThat(derived.count(KRAKEN)).isEqualTo(6);
    }

    @Test
    void shouldRecordNothingForASeriesWithoutCandles() {
        MarketKey none = new MarketKey("kraken", "ETH/USD", Timeframe.H1);

        derived.record(none, T0, T0 + H, T0);

        assertThat(derived.ranges(none)).isEqualTo(List.of());
    }
}
