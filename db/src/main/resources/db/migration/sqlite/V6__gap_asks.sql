-- Cached data, shared: what exchanges answered when asked for a missing range inside a stored
-- series. A range answered empty max-asks times (trading.gaps.max-asks) is confirmed empty: it is
-- never asked again and not reported as a hole. Nothing is ever stored in its place.

CREATE TABLE gap_asks (
    market_id             INTEGER NOT NULL REFERENCES markets (market_id),
    range_start           INTEGER NOT NULL, -- UTC epoch ms, first missing open time
    range_end             INTEGER NOT NULL, -- UTC epoch ms, exclusive: the next stored open time
    asks                  INTEGER NOT NULL, -- times an exchange was asked for exactly this range
    last_found            INTEGER NOT NULL, -- candles the last ask brought back
    last_asked_at         INTEGER NOT NULL, -- UTC epoch ms
    last_job_execution_id INTEGER,
    confirmed_empty       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (market_id, range_start, range_end)
);
