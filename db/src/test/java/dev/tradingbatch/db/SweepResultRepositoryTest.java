package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class SweepResultRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    SweepResultRepository results;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        results = new SweepResultRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldReadBackEveryFigureExactlyUndefinedAndInfiniteIncluded() {
        SweepResult flat = result(0, new BigDecimal("0.000000000000"), OptionalDouble.empty(), OptionalDouble.empty(),
                Double.POSITIVE_INFINITY);
        SweepResult traded = result(1, new BigDecimal("12.345678901234"), OptionalDouble.of(1.7976931348623157E308),
                OptionalDouble.of(0.1 + 0.2), 289.53125);

        assertThat(results.insert(List.of(traded, flat))).isEqualTo(2);

        assertThat(results.find(7)).containsExactly(flat, traded);
        Map<String, Object> row = new JdbcTemplate(ds).queryForMap("SELECT * FROM sweep_results WHERE set_index = 1");
        assertThat(row).containsEntry("total_return", "12.345678901234").containsEntry("sharpe", "0.30000000000000004")
                .containsEntry("params", "{\"period\":\"14\"}");
        assertThat(new JdbcTemplate(ds).queryForMap("SELECT * FROM sweep_results WHERE set_index = 0"))
                .containsEntry("profit_factor", null).containsEntry("annualised_return", "Infinity");
    }

    @Test
    void shouldKeepASetStoredOnceWhenItsPartitionIsRunAgain() {
        SweepResult first = result(0, BigDecimal.ONE, OptionalDouble.empty(), OptionalDouble.empty(), 1.0);

        results.insert(List.of(first));
        int again = results.insert(List.of(result(0, BigDecimal.TEN, OptionalDouble.empty(), OptionalDouble.empty(),
                2.0)));

        assertThat(again).isZero();
        assertThat(results.find(7)).containsExactly(first);
        assertThat(results.find(8)).isEmpty();
    }

    private static SweepResult result(int index, BigDecimal totalReturn, OptionalDouble profitFactor,
                                      OptionalDouble sharpe, double annualised) {
        return new SweepResult(7, index, "rsi-x", "{\"period\":\"14\"}", 1763, totalReturn, annualised,
                new BigDecimal("20.040000000000"), new BigDecimal("13.920000000000"), 8,
                new BigDecimal("62.500000000000"), profitFactor, sharpe, OptionalDouble.empty(),
                new BigDecimal("31.250000000000"), new BigDecimal("1023.1234567890"), index == 1, 3, T0);
    }
}
