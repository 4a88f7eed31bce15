-- Cached data, shared: each market's order rules exactly as its exchange publishes them (text, exact decimals).
-- amount_precision, price_precision and min_order_size stay: the decimals of the step and tick, the minimum quantity.

ALTER TABLE market_metadata ADD COLUMN amount_step TEXT;   -- an order's quantity is a multiple of it, base currency
ALTER TABLE market_metadata ADD COLUMN price_tick TEXT;    -- prices move in steps of it, quote currency
ALTER TABLE market_metadata ADD COLUMN min_notional TEXT;  -- smallest quantity x price, quote currency
