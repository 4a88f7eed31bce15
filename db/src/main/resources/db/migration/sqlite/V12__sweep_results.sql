-- Research data: what each parameter set of a sweep (optimize, docs/optimize.md) gave, one row per set. A sweep is
-- one optimizeStrategyJob instance (sweep_id = its JOB_INSTANCE_ID): the strategy's declaration, the range, the
-- parameter specs and the search identify it. Figures are the exact values replay's figures are rounded from:
-- percents and amounts as decimal text, ratios as Java's double text ("Infinity" included), NULL when undefined.

CREATE TABLE sweep_results (
    sweep_id          INTEGER NOT NULL,  -- BATCH_JOB_INSTANCE.JOB_INSTANCE_ID of the optimizeStrategyJob
    set_index         INTEGER NOT NULL,  -- the set's place in the sweep's list of sets, from 0
    strategy_id       TEXT    NOT NULL,
    params            TEXT    NOT NULL,  -- the set's resolved parameters, JSON as strategy_trades.params
    evaluated         INTEGER NOT NULL,  -- candles evaluated
    total_return      TEXT    NOT NULL,  -- percent
    annualised_return TEXT    NOT NULL,  -- percent, a double's text
    buy_and_hold      TEXT    NOT NULL,  -- percent
    max_drawdown      TEXT    NOT NULL,  -- percent, 0 when equity never fell
    trades            INTEGER NOT NULL,  -- closed round trips
    win_rate          TEXT    NOT NULL,  -- percent
    profit_factor     TEXT,              -- NULL without a losing trade
    sharpe            TEXT,
    sortino           TEXT,
    exposure          TEXT    NOT NULL,  -- percent
    final_equity      TEXT    NOT NULL,  -- quote currency
    position_open     INTEGER NOT NULL,  -- 1 when a position was still open at the end
    job_execution_id  INTEGER NOT NULL,  -- the execution that computed it
    computed_at       INTEGER NOT NULL,  -- UTC epoch ms
    PRIMARY KEY (sweep_id, set_index)
);
