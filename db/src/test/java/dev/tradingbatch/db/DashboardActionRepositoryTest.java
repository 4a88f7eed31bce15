package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's audit trail: each action recorded with its id, a restart's outcome written when it ends. */
class DashboardActionRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    DashboardActionRepository audit;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        audit = new DashboardActionRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldRecordEachActionAndReadThemBackNewestFirst() {
        long halt = audit.record(new DashboardAction(0, T0, "alice", "halt", "btc-bin-1h", "done", "halted"));
        long restart = audit.record(new DashboardAction(0, T0 + 1000, "bob", "restart", "12", "started", "restarting"));

        audit.finish(restart, "done", "restarted execution 12 of backfillCandlesJob as execution 13: COMPLETED");

        assertThat(restart).isGreaterThan(halt);
        assertThat(audit.recent(10)).containsExactly(
                new DashboardAction(restart, T0 + 1000, "bob", "restart", "12", "done",
                        "restarted execution 12 of backfillCandlesJob as execution 13: COMPLETED"),
                new DashboardAction(halt, T0, "alice", "halt", "btc-bin-1h", "done", "halted"));
        assertThat(audit.recent(1)).extracting(DashboardAction::id).containsExactly(restart);
        assertThat(audit.find(halt)).map(DashboardAction::username).contains("alice");
        assertThat(audit.find(restart + 1)).isEmpty();
    }
}
