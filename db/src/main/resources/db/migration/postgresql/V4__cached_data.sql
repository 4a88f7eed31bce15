-- Cached data, shared: what exchanges say about their markets.

CREATE TABLE market_metadata (
    exchange         TEXT    NOT NULL,
    symbol           TEXT    NOT NULL,
    price_precision  INTEGER,         -- decimals of the price tick
    amount_precision INTEGER,         -- decimals of the order quantity step
    min_order_size   TEXT,            -- exact decimal, base currency
    fetched_at       BIGINT  NOT NULL, -- UTC epoch milliseconds
    PRIMARY KEY (exchange, symbol)
);
