-- Fleet data: what people did through the dashboard (see sqlite/V15__dashboard_actions.sql).

CREATE TABLE dashboard_actions (
    action_id   BIGSERIAL PRIMARY KEY,
    at          BIGINT    NOT NULL,
    username    TEXT      NOT NULL,
    action      TEXT      NOT NULL,
    target      TEXT      NOT NULL,
    outcome     TEXT      NOT NULL,
    message     TEXT      NOT NULL
);
