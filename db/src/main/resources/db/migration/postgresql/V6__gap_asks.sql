-- Cached data, shared: what exchanges answered when asked for a missing range inside a stored
-- series (see sqlite/V6__gap_asks.sql).

CREATE TABLE gap_asks (
    market_id             BIGINT  NOT NULL REFERENCES markets (market_id),
    range_start           BIGINT  NOT NULL, -- UTC epoch ms, first missing open time
    range_end             BIGINT  NOT NULL, -- UTC epoch ms, exclusive: the next stored open time
    asks                  INTEGER NOT NULL, -- times an exchange was asked for exactly this range
    last_found            INTEGER NOT NULL, -- candles the last ask brought back
    last_asked_at         BIGINT  NOT NULL, -- UTC epoch ms
    last_job_execution_id BIGINT,
    confirmed_empty       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (market_id, range_start, range_end)
);
