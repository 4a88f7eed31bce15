-- Fleet data: the alerts outbox (see sqlite/V13__alert_events.sql).

CREATE TABLE alert_events (
    alert_id        BIGSERIAL PRIMARY KEY,
    event_key       TEXT      NOT NULL,
    channel         TEXT      NOT NULL,
    kind            TEXT      NOT NULL,
    subject         TEXT      NOT NULL,
    message         TEXT      NOT NULL,
    created_at      BIGINT    NOT NULL,
    attempts        INTEGER   NOT NULL DEFAULT 0,
    next_attempt_at BIGINT    NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT,
    CONSTRAINT alert_events_once UNIQUE (event_key, channel)
);

CREATE INDEX alert_events_pending ON alert_events (sent_at, next_attempt_at);
