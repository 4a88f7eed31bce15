-- Trade data: halted strategies (docs/live.md, "Halting, orders and positions"). A row halts one strategy, or,
-- with strategy_id '*', every strategy (those declared later too) until resume --all. Every process reads it
-- before each evaluation, so a halt made anywhere is obeyed everywhere within one evaluation. No reference to
-- strategies: a declared strategy has its row there only once it has traded.

CREATE TABLE strategy_halts (
    strategy_id TEXT    PRIMARY KEY,            -- a strategy_id, or '*' for every strategy
    reason      TEXT,                           -- as given to halt --reason; NULL without one
    halted_at   INTEGER NOT NULL                -- UTC epoch ms
);
