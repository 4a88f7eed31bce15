-- Fleet data: each strategy's latest drift (docs/strategies.md, "Drift"), written by driftJob: its live ledger
-- compared trade by trade with a replay of it as declared now over its live window. One row per strategy, replaced
-- by each computation (the history of past scores is not kept: the job's executions are). Read by the metrics, the
-- dashboard and the drift alert.

CREATE TABLE drift_scores (
    strategy_id        TEXT    PRIMARY KEY REFERENCES strategies (strategy_id),
    computed_at        INTEGER NOT NULL, -- UTC epoch ms, when it was computed (the service's clock)
    window_from        INTEGER NOT NULL, -- UTC epoch ms, open time of the first candle compared
    window_to          INTEGER NOT NULL, -- UTC epoch ms, exclusive end of the candles compared
    score              TEXT    NOT NULL, -- percent, 2 decimals: drift --strategy's "drift score"
    matched            INTEGER NOT NULL, -- trades both made on the same candle and side
    only_live          INTEGER NOT NULL, -- trades only the live ledger made
    only_replay        INTEGER NOT NULL, -- trades only the replay made
    missed             INTEGER NOT NULL, -- of those, on candles not evaluated live
    other_declaration  INTEGER NOT NULL, -- of those, evaluated live under a declaration changed since
    different_signal   INTEGER NOT NULL, -- of those, the rest: candles stored late, restarts, other signals
    price_diff_bps     TEXT    NOT NULL, -- mean |live - replay| price of the matched trades, bps of the replay's
    fill_slippage_bps  TEXT,             -- a live strategy's mean fill against the modelled price, bps; NULL without orders
    newest_unmatched   INTEGER,          -- UTC epoch ms, candle of the newest trade only one side made; NULL when none
    job_execution_id   INTEGER NOT NULL  -- the driftJob execution that computed it
);
