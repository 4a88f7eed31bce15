package dev.tradingbatch.db;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A row of {@code alert_events}: one event for one channel, pending until {@code sentAt} is set.
 *
 * @param createdAt     UTC epoch ms
 * @param nextAttemptAt UTC epoch ms: not sent before then
 * @param sentAt        UTC epoch ms; empty while pending
 * @param givenUpAt     UTC epoch ms, when its last allowed attempt failed; empty while pending or once sent
 */
public record AlertEvent(long id, String eventKey, String channel, String kind, String subject, String message,
                         long createdAt, int attempts, long nextAttemptAt, OptionalLong sentAt,
                         Optional<String> lastError, OptionalLong givenUpAt) {

    /** An event to record, not yet stored (id, attempts and delivery unset). */
    public static AlertEvent pending(String eventKey, String channel, String kind, String subject, String message,
                                     long now) {
        return new AlertEvent(0, eventKey, channel, kind, subject, message, now, 0, now, OptionalLong.empty(),
                Optional.empty(), OptionalLong.empty());
    }
}
