-- Trade data: every trade belongs to one strategy_id, declared in strategies.

CREATE TABLE strategies (
    strategy_id TEXT    PRIMARY KEY,
    type        TEXT    NOT NULL,
    exchange    TEXT    NOT NULL,
    symbol      TEXT    NOT NULL,
    timeframe   TEXT    NOT NULL,
    params      TEXT    NOT NULL DEFAULT '{}', -- JSON
    created_at  INTEGER NOT NULL,              -- UTC epoch milliseconds
    updated_at  INTEGER NOT NULL
);

-- Decimal amounts are TEXT so that what was computed is what is read back, exactly.
CREATE TABLE strategy_trades (
    id           INTEGER PRIMARY KEY,
    strategy_id  TEXT    NOT NULL REFERENCES strategies (strategy_id),
    run_id       TEXT    NOT NULL DEFAULT 'live', -- 'live', or the backtest run that produced it
    symbol       TEXT    NOT NULL,
    side         TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
    price        TEXT    NOT NULL,
    quantity     TEXT    NOT NULL,
    fee          TEXT    NOT NULL,
    candle_time  INTEGER NOT NULL, -- open time (UTC epoch ms) of the candle whose close triggered it
    executed_at  INTEGER NOT NULL, -- UTC epoch ms
    pnl          TEXT,             -- on the closing trade, after fees
    pnl_percent  TEXT,
    params       TEXT    NOT NULL DEFAULT '{}', -- the strategy parameters of the run, JSON
    CONSTRAINT strategy_trades_once UNIQUE (strategy_id, run_id, candle_time, side)
);

CREATE INDEX strategy_trades_by_strategy ON strategy_trades (strategy_id, run_id, candle_time);

-- The seed's trades table, as a view over live trades: Query 2 ("a strategy's performance") runs on
-- it verbatim.
CREATE VIEW trades AS
SELECT id,
       strategy_id,
       symbol,
       side,
       CAST(price AS REAL)       AS price,
       CAST(quantity AS REAL)    AS quantity,
       CAST(fee AS REAL)         AS fee,
       candle_time               AS timestamp,
       CAST(pnl AS REAL)         AS pnl,
       CAST(pnl_percent AS REAL) AS pnl_percent
FROM strategy_trades
WHERE run_id = 'live';
