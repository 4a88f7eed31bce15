package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts outbox: an event recorded once per channel, claimed by one sender, its delivery read back. */
class AlertRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;
    HikariDataSource ds;
    AlertRepository alerts;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        alerts = new AlertRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private static AlertEvent halted(String channel, long now) {
        return AlertEvent.pending("halted:s1:" + T0, channel, "halted", "s1", "s1 halted", now);
    }

    @Test
    void shouldRecordAnEventOncePerChannel() {
        assertThat(alerts.record(halted("webhook", T0))).isTrue();
        assertThat(alerts.record(halted("webhook", T0 + 60_000))).as("found again by a later scan").isFalse();
        assertThat(alerts.record(halted("telegram", T0))).isTrue();

        assertThat(alerts.recent(10)).extracting(AlertEvent::channel, AlertEvent::createdAt, AlertEvent::attempts,
                AlertEvent::sentAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("telegram", T0, 0, OptionalLong.empty()),
                org.assertj.core.groups.Tuple.tuple("webhook", T0, 0, OptionalLong.empty()));
    }

    @Test
    void shouldLetOneSenderClaimADueEventAndRecordEachAttempt() {
        alerts.record(halted("webhook", T0));
        long id = alerts.due(T0, 10).getFirst().id();

        assertThat(alerts.claim(id, T0, T0 + 60_000)).isTrue();
        assertThat(alerts.claim(id, T0, T0 + 60_000)).as("another process, same moment").isFalse();
        assertThat(alerts.due(T0 + 59_999, 10)).isEmpty();

        alerts.failed(id, "webhook http://h answered HTTP 503", T0 + 30_000);
        assertThat(alerts.due(T0 + 29_999, 10)).isEmpty();
        AlertEvent retry = alerts.due(T0 + 30_000, 10).getFirst();
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.lastError()).contains("webhook http://h answered HTTP 503");

        alerts.sent(id, T0 + 30_500);
        assertThat(alerts.due(Long.MAX_VALUE, 10)).isEmpty();
        AlertEvent done = alerts.recent(1).getFirst();
        assertThat(done.sentAt()).hasValue(T0 + 30_500);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.lastError()).isEqualTo(Optional.empty());
    }
}
