package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The triggers a Quartz instance holds acquired. PostgreSQL only: SQLite keeps the schedule in memory. */
class FiredTriggerRepositoryTest {

    @TempDir
    Path dir;
    HikariDataSource ds;

    @BeforeEach
    void open() {
        assumeTrue(TestDatabases.postgresql(), "Quartz's tables exist on PostgreSQL only");
        ds = TestDatabase.migrated(dir);
    }

    @AfterEach
    void close() {
        if (ds != null) {
            ds.close();
        }
    }

    @Test
    void shouldCountTheTriggersOneInstanceHoldsAcquired() {
        fired("trader", "e1", "instance-a", "ACQUIRED");
        fired("trader", "e2", "instance-a", "ACQUIRED");
        fired("trader", "e3", "instance-a", "EXECUTING");
        fired("trader", "e4", "instance-b", "ACQUIRED");
        fired("backfiller", "e5", "instance-a", "ACQUIRED");

        FiredTriggerRepository triggers = new FiredTriggerRepository(ds);

        assertThat(triggers.acquired("trader", "instance-a")).isEqualTo(2);
        assertThat(triggers.acquired("trader", "instance-c")).isZero();
    }

    private void fired(String scheduler, String entry, String instance, String state) {
        new JdbcTemplate(ds).update("""
                INSERT INTO QRTZ_FIRED_TRIGGERS (SCHED_NAME, ENTRY_ID, TRIGGER_NAME, TRIGGER_GROUP, INSTANCE_NAME,
                                                 FIRED_TIME, SCHED_TIME, PRIORITY, STATE)
                VALUES (?, ?, 'a trigger', 'DEFAULT', ?, 0, 0, 5, ?)""", scheduler, entry, instance, state);
    }
}
