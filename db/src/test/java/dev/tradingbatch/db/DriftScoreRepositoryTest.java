package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DriftScoreRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final long H = 3_600_000L;

    @TempDir
    Path dir;
    HikariDataSource ds;
    DriftScoreRepository scores;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        scores = new DriftScoreRepository(ds);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (String id : new String[] {"eth-1h", "btc-1h"}) {
            jdbc.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, created_at, updated_at)"
                    + " VALUES (?, 'rsi', 'binance', 'BTC/USDT', '1h', ?, ?)", id, T0, T0);
        }
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldReadBackExactlyWhatWasStoredAndReplaceItWithTheNextComputation() {
        DriftScore first = new DriftScore("btc-1h", T0 + 100 * H, T0, T0 + 99 * H, new BigDecimal("83.33"), 1, 4, 6, 3,
                5, 2, new BigDecimal("0.00"), Optional.empty(), OptionalLong.of(T0 + 90 * H), 7);
        DriftScore next = new DriftScore("btc-1h", T0 + 101 * H, T0, T0 + 100 * H, new BigDecimal("0.00"), 12, 0, 0, 0,
                0, 0, new BigDecimal("1.25"), Optional.of(new BigDecimal("-3.10")), OptionalLong.empty(), 8);
        DriftScore other = new DriftScore("eth-1h", T0 + 101 * H, T0 + 50 * H, T0 + 100 * H, new BigDecimal("2.50"), 19,
                1, 0, 1, 0, 0, new BigDecimal("0.00"), Optional.empty(), OptionalLong.of(T0 + 60 * H), 8);

        scores.put(first);
        assertThat(scores.find("btc-1h")).contains(first);
        scores.put(next);
        scores.put(other);

        assertThat(scores.find("btc-1h")).as("replaced").contains(next);
        assertThat(scores.all()).containsExactly(next, other);
        assertThat(scores.find("sol-1h")).isEmpty();
    }
}
