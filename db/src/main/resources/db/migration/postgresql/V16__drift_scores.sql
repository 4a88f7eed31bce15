-- Fleet data: each strategy's latest drift (see sqlite/V16__drift_scores.sql).

CREATE TABLE drift_scores (
    strategy_id        TEXT    PRIMARY KEY REFERENCES strategies (strategy_id),
    computed_at        BIGINT  NOT NULL,
    window_from        BIGINT  NOT NULL,
    window_to          BIGINT  NOT NULL,
    score              TEXT    NOT NULL,
    matched            INTEGER NOT NULL,
    only_live          INTEGER NOT NULL,
    only_replay        INTEGER NOT NULL,
    missed             INTEGER NOT NULL,
    other_declaration  INTEGER NOT NULL,
    different_signal   INTEGER NOT NULL,
    price_diff_bps     TEXT    NOT NULL,
    fill_slippage_bps  TEXT,
    newest_unmatched   BIGINT,
    job_execution_id   BIGINT  NOT NULL
);
