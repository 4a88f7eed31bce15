package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Executions found in Spring Batch's tables, rows planted as its JobRepository writes them. */
class JobExecutionQueriesTest {

    @TempDir
    Path dir;
    HikariDataSource ds;
    JdbcTemplate jdbc;
    JobExecutionQueries executions;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        jdbc = new JdbcTemplate(ds);
        executions = new JobExecutionQueries(ds);
        instance(1, "fillGapsJob");
        instance(2, "evaluateStrategyJob");
        instance(3, "evaluateStrategyJob");
        execution(10, 1, "FAILED", Map.of("market", "binance BTC/USDT 1h"));
        execution(11, 1, "COMPLETED", Map.of("market", "binance BTC/USDT 1h"));
        execution(12, 2, "COMPLETED", Map.of("strategy", "btc-bin-1h", "through", "1000"));
        execution(13, 3, "COMPLETED", Map.of("strategy", "eth-bin-1h", "through", "1000"));
        execution(14, 2, "STARTED", Map.of("strategy", "btc-bin-1h", "through", "2000"));
        execution(15, 1, "STOPPING", Map.of("market", "kraken BTC/USD 1h"));
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldFindAJobsExecutionsByParameterValuesNewestFirst() {
        assertThat(executions.ids("evaluateStrategyJob", Map.of("strategy", "btc-bin-1h"), null, 10))
                .containsExactly(14L, 12L);
        assertThat(executions.ids("evaluateStrategyJob", Map.of("strategy", "btc-bin-1h", "through", "1000"), null, 10))
                .containsExactly(12L);
        assertThat(executions.ids("fillGapsJob", Map.of("strategy", "btc-bin-1h"), null, 10)).isEmpty();
    }

    @Test
    void shouldFilterByStatusAndLimit() {
        assertThat(executions.ids("evaluateStrategyJob", Map.of("strategy", "btc-bin-1h"), "COMPLETED", 10))
                .containsExactly(12L);
        assertThat(executions.ids("fillGapsJob", Map.of(), null, 2)).containsExactly(15L, 11L);
    }

    @Test
    void shouldListEveryJobsExecutionsWithoutAJobName() {
        assertThat(executions.ids(null, Map.of(), null, 100)).containsExactly(15L, 14L, 13L, 12L, 11L, 10L);
        assertThat(executions.ids(null, Map.of(), "COMPLETED", 100)).containsExactly(13L, 12L, 11L);
    }

    @Test
    void shouldListTheExecutionsUnderWayOldestFirst() {
        assertThat(executions.running()).containsExactly(14L, 15L);
    }

    private void instance(long id, String job) {
        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0, ?, ?)",
                id, job, "key-" + id);
    }

    private void execution(long id, long instance, String status, Map<String, String> parameters) {
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS) "
                + "VALUES (?, 0, ?, ?, ?)", id, instance, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0)), status);
        parameters.forEach((name, value) -> jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, "
                + "PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, 'java.lang.String', ?, 'Y')",
                id, name, value));
    }
}
