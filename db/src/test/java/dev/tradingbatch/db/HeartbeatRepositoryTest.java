package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.HeartbeatRepository.Heartbeat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    HeartbeatRepository heartbeats;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        heartbeats = new HeartbeatRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldReadBackTheProcessRecordedForAnExecution() {
        heartbeats.record(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0));

        assertThat(heartbeats.find(7)).contains(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0));
        assertThat(heartbeats.find(8)).isEmpty();
    }

    @Test
    void shouldKeepAnUnknownProcessStartAsNull() {
        heartbeats.record(new Heartbeat(7, "host-a", 4242, null, T0));

        assertThat(heartbeats.find(7)).contains(new Heartbeat(7, "host-a", 4242, null, T0));
    }

    @Test
    void shouldReplaceWhatAnEarlierRunOfTheExecutionLeft() {
        heartbeats.record(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0));

        heartbeats.record(new Heartbeat(7, "host-b", 99, T0 + 1_000, T0 + 2_000));

        assertThat(heartbeats.find(7)).contains(new Heartbeat(7, "host-b", 99, T0 + 1_000, T0 + 2_000));
    }

    @Test
    void shouldMoveOnlyTheBeatOfTheExecutionBeaten() {
        heartbeats.record(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0));
        heartbeats.record(new Heartbeat(8, "host-a", 4242, T0 - 5_000, T0));

        heartbeats.beat(7, T0 + 30_000);

        assertThat(heartbeats.find(7)).contains(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0 + 30_000));
        assertThat(heartbeats.find(8)).contains(new Heartbeat(8, "host-a", 4242, T0 - 5_000, T0));
    }

    @Test
    void shouldForgetADeletedExecution() {
        heartbeats.record(new Heartbeat(7, "host-a", 4242, T0 - 5_000, T0));
        heartbeats.record(new Heartbeat(8, "host-a", 4242, T0 - 5_000, T0));

        heartbeats.delete(7);

        assertThat(heartbeats.find(7)).isEmpty();
        assertThat(heartbeats.find(8)).isPresent();
    }
}
