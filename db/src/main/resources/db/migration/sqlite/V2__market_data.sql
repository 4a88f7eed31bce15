-- Market data, shared by every strategy: one row per (exchange, symbol, timeframe) series and
-- one row per closed candle.
--
-- Candles are stored for size (about 33 bytes each, see README "Storage"): the key is the small
-- integer market_id plus the open time, the table is WITHOUT ROWID so the key is the row, and
-- prices are exact decimals held as integers scaled by the series' price_scale
-- (value = stored / 10^price_scale). high, low and close are stored as differences from open,
-- which are small numbers and so take 1-3 bytes in SQLite's variable-length integer format.

CREATE TABLE markets (
    market_id    INTEGER PRIMARY KEY,
    exchange     TEXT    NOT NULL,
    symbol       TEXT    NOT NULL,
    timeframe    TEXT    NOT NULL,
    -- decimals kept for prices and for volume; raised (and stored rows rescaled) when a candle
    -- arrives with more decimals than seen before
    price_scale  INTEGER NOT NULL DEFAULT 0,
    volume_scale INTEGER NOT NULL DEFAULT 0,
    -- 10^price_scale and 10^volume_scale, kept beside the scales so views divide without pow()
    price_unit   INTEGER NOT NULL DEFAULT 1,
    volume_unit  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT markets_key UNIQUE (exchange, symbol, timeframe)
);

CREATE TABLE candles (
    market_id   INTEGER NOT NULL REFERENCES markets (market_id),
    open_time   INTEGER NOT NULL, -- UTC epoch milliseconds of the candle's open
    open        INTEGER NOT NULL, -- open  * price_unit
    high_up     INTEGER NOT NULL, -- (high - open) * price_unit, >= 0
    low_down    INTEGER NOT NULL, -- (open - low)  * price_unit, >= 0
    close_delta INTEGER NOT NULL, -- (close - open) * price_unit
    volume      INTEGER NOT NULL, -- volume * volume_unit
    PRIMARY KEY (market_id, open_time)
) WITHOUT ROWID;

-- Candles a source delivered that failed validation, verbatim, with the reason. The same bad row
-- seen again by a re-run is kept once.
CREATE TABLE rejected_candles (
    id               INTEGER PRIMARY KEY,
    exchange         TEXT    NOT NULL,
    symbol           TEXT    NOT NULL,
    timeframe        TEXT    NOT NULL,
    open_time        TEXT,
    raw              TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    job_execution_id INTEGER,
    rejected_at      INTEGER NOT NULL, -- UTC epoch milliseconds
    CONSTRAINT rejected_candles_row UNIQUE (exchange, symbol, timeframe, raw)
);

-- The seed's table, as a view: Query 1 ("last 100 candles") and Query 3 ("what range is stored")
-- run on it verbatim. Values are REAL here; the application reads the exact decimals from candles.
CREATE VIEW ohlcv_data AS
SELECT m.exchange                                                AS exchange,
       m.symbol                                                  AS symbol,
       m.timeframe                                               AS timeframe,
       c.open_time                                               AS timestamp,
       CAST(c.open AS REAL) / m.price_unit                       AS open,
       CAST(c.open + c.high_up AS REAL) / m.price_unit           AS high,
       CAST(c.open - c.low_down AS REAL) / m.price_unit          AS low,
       CAST(c.open + c.close_delta AS REAL) / m.price_unit       AS close,
       CAST(c.volume AS REAL) / m.volume_unit                    AS volume
FROM candles c
JOIN markets m ON m.market_id = c.market_id;
