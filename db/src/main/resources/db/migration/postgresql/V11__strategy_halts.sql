-- Trade data: halted strategies (see sqlite/V11__strategy_halts.sql).

CREATE TABLE strategy_halts (
    strategy_id TEXT    PRIMARY KEY,
    reason      TEXT,
    halted_at   BIGINT  NOT NULL
);
