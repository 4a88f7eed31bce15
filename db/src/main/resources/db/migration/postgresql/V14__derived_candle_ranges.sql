-- Market data, shared: the ranges of a series whose candles were derived from the exchange's public trades
-- (see sqlite/V14__derived_candle_ranges.sql).

CREATE TABLE derived_candle_ranges (
    market_id   BIGINT  NOT NULL REFERENCES markets (market_id),
    range_start BIGINT  NOT NULL, -- UTC epoch ms, first open time built from trades
    range_end   BIGINT  NOT NULL, -- UTC epoch ms, exclusive
    source      TEXT    NOT NULL, -- what they were derived from: 'trades'
    recorded_at BIGINT  NOT NULL, -- UTC epoch ms
    PRIMARY KEY (market_id, range_start)
);
