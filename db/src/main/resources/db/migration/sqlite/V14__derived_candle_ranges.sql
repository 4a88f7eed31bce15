-- Market data, shared: the ranges of a series whose candles were derived from the exchange's public trades
-- (Kraken, older than its OHLC window) rather than published by it as candles. A stored candle whose open
-- time lies in one of its series' ranges is derived; a candle stored before from the exchange's candles
-- is never replaced by a derived one.

CREATE TABLE derived_candle_ranges (
    market_id   INTEGER NOT NULL REFERENCES markets (market_id),
    range_start INTEGER NOT NULL, -- UTC epoch ms, first open time built from trades
    range_end   INTEGER NOT NULL, -- UTC epoch ms, exclusive
    source      TEXT    NOT NULL, -- what they were derived from: 'trades'
    recorded_at INTEGER NOT NULL, -- UTC epoch ms
    PRIMARY KEY (market_id, range_start)
);
