-- Trade data: the orders of live strategies (docs/live.md). An order is first committed as an intent, with a
-- client order id derived from (strategy, candle, side), and only then sent; a sender that does not know
-- whether a send arrived asks the exchange for that id before anything else, so an order is never sent twice.

CREATE TABLE live_orders (
    client_order_id   TEXT    PRIMARY KEY,           -- ours, sent as Binance's newClientOrderId
    strategy_id       TEXT    NOT NULL REFERENCES strategies (strategy_id),
    account           TEXT    NOT NULL,              -- a trading.accounts name
    symbol            TEXT    NOT NULL,              -- BASE/QUOTE
    side              TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
    candle_time       INTEGER NOT NULL,              -- open time (UTC epoch ms) of the candle that decided it
    quantity          TEXT,                          -- a sell: base asset to sell
    quote_quantity    TEXT,                          -- a buy: quote currency to spend
    status            TEXT    NOT NULL CHECK (status IN ('intent', 'unknown', 'accepted', 'rejected')),
    exchange_order_id TEXT,
    exchange_status   TEXT,                          -- the exchange's own: FILLED, EXPIRED, ...
    executed_quantity TEXT,
    executed_quote    TEXT,
    reason            TEXT,                          -- why rejected, or why the outcome is unknown
    sends             INTEGER NOT NULL DEFAULT 0,    -- send requests made: more than one only after the exchange said it had none
    created_at        INTEGER NOT NULL,              -- UTC epoch ms
    updated_at        INTEGER NOT NULL,
    CONSTRAINT live_orders_once UNIQUE (strategy_id, candle_time, side),
    CHECK ((quantity IS NULL) <> (quote_quantity IS NULL))
);

CREATE INDEX live_orders_to_send ON live_orders (status, created_at);
