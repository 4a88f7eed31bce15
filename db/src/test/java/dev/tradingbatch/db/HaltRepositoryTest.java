package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HaltRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    HaltRepository halts;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        halts = new HaltRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldFindAStrategysOwnHaltBeforeTheHaltOfAll() {
        StrategyHalt own = new StrategyHalt("btc-1h", Optional.of("drawdown"), T0);
        StrategyHalt all = new StrategyHalt(StrategyHalt.ALL, Optional.empty(), T0 + 1);
        halts.halt(all);
        halts.halt(own);

        assertThat(halts.haltsOf("btc-1h")).containsExactly(own, all);
        assertThat(halts.haltsOf("eth-1h")).as("the halt of all covers any id").containsExactly(all);
        assertThat(halts.all()).containsExactly(all, own);
    }

    @Test
    void shouldReplaceTheReasonAndTimeWhenHaltedAgain() {
        halts.halt(new StrategyHalt("btc-1h", Optional.of("first"), T0));
        halts.halt(new StrategyHalt("btc-1h", Optional.empty(), T0 + 5));

        assertThat(halts.all()).containsExactly(new StrategyHalt("btc-1h", Optional.empty(), T0 + 5));
    }

    @Test
    void shouldLiftOneHaltOrEvery() {
        halts.halt(new StrategyHalt("btc-1h", Optional.empty(), T0));
        halts.halt(new StrategyHalt("eth-1h", Optional.empty(), T0));
        halts.halt(new StrategyHalt(StrategyHalt.ALL, Optional.empty(), T0));

        assertThat(halts.resume("btc-1h")).isTrue();
        assertThat(halts.resume("btc-1h")).isFalse();
        assertThat(halts.haltsOf("btc-1h")).extracting(StrategyHalt::strategyId).containsExactly(StrategyHalt.ALL);
        assertThat(halts.resumeAll()).isEqualTo(2);
        assertThat(halts.all()).isEmpty();
    }
}
