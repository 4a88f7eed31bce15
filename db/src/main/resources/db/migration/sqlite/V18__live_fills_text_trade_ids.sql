-- live_fills.trade_id holds the exchange's trade id as it sent it, as text (docs/live.md, "Trade ids"): Binance's and
-- Coinbase's are numbers, Kraken's text ("TCCCTY-WE4VW-TMJ5IT"). SQLite cannot change a column's type, so the table is
-- rebuilt with every row and the same key. A TEXT column keeps a numeric id as text ('9007199254740993'), where an
-- INTEGER one would turn it back into a number; existing ids become their decimal text. Kraken fills stored before
-- hold the number once derived from their id (it cannot be turned back): settling such a fill again renames it.

CREATE TABLE live_fills_v18 (
    account          TEXT    NOT NULL,               -- a trading.accounts name
    symbol           TEXT    NOT NULL,               -- BASE/QUOTE
    trade_id         TEXT    NOT NULL,               -- the exchange's trade id as sent, unique per account and symbol
    client_order_id  TEXT    NOT NULL REFERENCES live_orders (client_order_id),
    price            TEXT    NOT NULL,               -- exact decimals as the exchange sent them
    quantity         TEXT    NOT NULL,               -- base asset
    quote_quantity   TEXT    NOT NULL,
    commission       TEXT    NOT NULL,               -- in commission_asset
    commission_asset TEXT    NOT NULL,               -- the base asset on a buy, the quote on a sell, or another (BNB)
    traded_at        INTEGER NOT NULL,               -- UTC epoch ms, the exchange's
    PRIMARY KEY (account, symbol, trade_id)
);

INSERT INTO live_fills_v18 (account, symbol, trade_id, client_order_id, price, quantity, quote_quantity, commission,
                            commission_asset, traded_at)
SELECT account, symbol, CAST(trade_id AS TEXT), client_order_id, price, quantity, quote_quantity, commission,
       commission_asset, traded_at
FROM live_fills;

DROP TABLE live_fills;

ALTER TABLE live_fills_v18 RENAME TO live_fills;

CREATE INDEX live_fills_by_order ON live_fills (client_order_id);
