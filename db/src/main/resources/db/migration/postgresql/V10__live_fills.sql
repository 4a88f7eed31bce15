-- Trade data: the real fills of live strategies' orders (see sqlite/V10__live_fills.sql).

CREATE TABLE live_fills (
    account          TEXT    NOT NULL,
    symbol           TEXT    NOT NULL,
    trade_id         BIGINT  NOT NULL,
    client_order_id  TEXT    NOT NULL REFERENCES live_orders (client_order_id),
    price            TEXT    NOT NULL,
    quantity         TEXT    NOT NULL,
    quote_quantity   TEXT    NOT NULL,
    commission       TEXT    NOT NULL,
    commission_asset TEXT    NOT NULL,
    traded_at        BIGINT  NOT NULL,
    PRIMARY KEY (account, symbol, trade_id)
);

CREATE INDEX live_fills_by_order ON live_fills (client_order_id);

ALTER TABLE live_orders ADD COLUMN model_price TEXT;
