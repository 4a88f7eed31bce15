-- The alerts outbox gives an alert up after trading.alerts.max-attempts failed deliveries (docs/operations.md,
-- "Alerts"): given_up_at is set (UTC epoch ms) and no sender picks the row again. NULL: pending or sent.

ALTER TABLE alert_events ADD COLUMN given_up_at INTEGER;
