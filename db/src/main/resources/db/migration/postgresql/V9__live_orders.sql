-- Trade data: the orders of live strategies (see sqlite/V9__live_orders.sql).

CREATE TABLE live_orders (
    client_order_id   TEXT    PRIMARY KEY,
    strategy_id       TEXT    NOT NULL REFERENCES strategies (strategy_id),
    account           TEXT    NOT NULL,
    symbol            TEXT    NOT NULL,
    side              TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
    candle_time       BIGINT  NOT NULL,
    quantity          TEXT,
    quote_quantity    TEXT,
    status            TEXT    NOT NULL CHECK (status IN ('intent', 'unknown', 'accepted', 'rejected')),
    exchange_order_id TEXT,
    exchange_status   TEXT,
    executed_quantity TEXT,
    executed_quote    TEXT,
    reason            TEXT,
    sends             INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    CONSTRAINT live_orders_once UNIQUE (strategy_id, candle_time, side),
    CHECK ((quantity IS NULL) <> (quote_quantity IS NULL))
);

CREATE INDEX live_orders_to_send ON live_orders (status, created_at);
