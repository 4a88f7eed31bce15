-- Fleet data: what people did through the dashboard (docs/dashboard.md, "Actions"): who, what, when, and how it
-- ended. Written by the dashboard's process where it does the action; read by its audit page. Never a password.

CREATE TABLE dashboard_actions (
    action_id   INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL, -- UTC epoch ms, when it was asked for
    username    TEXT    NOT NULL, -- the signed-in user (trading.dashboard.users.<name>)
    action      TEXT    NOT NULL, -- 'halt', 'resume' or 'restart'
    target      TEXT    NOT NULL, -- the strategy_id, or the job execution id
    outcome     TEXT    NOT NULL, -- 'done', 'refused', 'failed', or 'started' while a restart runs
    message     TEXT    NOT NULL  -- what the person was told
);
