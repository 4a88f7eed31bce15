-- Trade data: the real fills of live strategies' orders (docs/live.md), as the exchange reports them, each applied
-- once by its trade id. A strategy's sub-ledger is its own orders' fills: what it holds is its filled buys minus
-- its sells, net of any commission charged in the base asset; a sell never sells more than that.

CREATE TABLE live_fills (
    account          TEXT    NOT NULL,               -- a trading.accounts name
    symbol           TEXT    NOT NULL,               -- BASE/QUOTE
    trade_id         INTEGER NOT NULL,               -- the exchange's trade id, unique per account and symbol
    client_order_id  TEXT    NOT NULL REFERENCES live_orders (client_order_id),
    price            TEXT    NOT NULL,               -- exact decimals as the exchange sent them
    quantity         TEXT    NOT NULL,               -- base asset
    quote_quantity   TEXT    NOT NULL,
    commission       TEXT    NOT NULL,               -- in commission_asset
    commission_asset TEXT    NOT NULL,               -- the base asset on a buy, the quote on a sell, or another (BNB)
    traded_at        INTEGER NOT NULL,               -- UTC epoch ms, the exchange's
    PRIMARY KEY (account, symbol, trade_id)
);

CREATE INDEX live_fills_by_order ON live_fills (client_order_id);

-- What the paper model gave for the order's signal (the candle's close moved against the trader by the
-- slippage), kept beside the real fills' average price: the execution slippage report shows.
ALTER TABLE live_orders ADD COLUMN model_price TEXT;
