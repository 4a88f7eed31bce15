-- Fleet data: the alerts outbox (docs/operations.md, "Alerts"). A scan records each event it finds once per
-- channel (event_key + channel unique: two processes or a restart never record one twice); a sender delivers
-- the pending rows and records each attempt. A row is pending while sent_at is NULL.

CREATE TABLE alert_events (
    alert_id        INTEGER PRIMARY KEY,
    event_key       TEXT    NOT NULL, -- what happened, e.g. 'trade:btc-bin-1h:1764680400000:buy'
    channel         TEXT    NOT NULL, -- 'webhook' or 'telegram'
    kind            TEXT    NOT NULL, -- 'trade', 'job-failed', 'halted', 'stale'
    subject         TEXT    NOT NULL, -- the strategy, series or job it is about
    message         TEXT    NOT NULL, -- the text sent, what to do included
    created_at      INTEGER NOT NULL, -- UTC epoch ms, when the scan recorded it
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL, -- UTC epoch ms; a sender claims a row by moving it forward
    sent_at         INTEGER,          -- UTC epoch ms; NULL while pending
    last_error      TEXT,             -- the last failed attempt's reason (never a token)
    CONSTRAINT alert_events_once UNIQUE (event_key, channel)
);

CREATE INDEX alert_events_pending ON alert_events (sent_at, next_attempt_at);
