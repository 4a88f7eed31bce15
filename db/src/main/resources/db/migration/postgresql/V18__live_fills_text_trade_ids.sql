-- live_fills.trade_id holds the exchange's trade id as it sent it, as text (docs/live.md, "Trade ids"; see
-- sqlite/V18__live_fills_text_trade_ids.sql): existing ids become their decimal text, the primary key is rebuilt
-- over the new type.

ALTER TABLE live_fills ALTER COLUMN trade_id TYPE TEXT USING trade_id::text;
