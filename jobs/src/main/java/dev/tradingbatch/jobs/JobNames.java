package dev.tradingbatch.jobs;

/**
 * The name of every job and step, as recorded in Spring Batch's tables and looked up by the commands, the
 * scheduler and the health check. Each job's bean has its job's name ({@code backfillCandlesJob}), each step's
 * bean its step's.
 */
public final class JobNames {

    /** Downloads or imports the candles of one series: {@link #BACKFILL_CANDLES_STEP}. */
    public static final String BACKFILL_CANDLES_JOB = "backfillCandlesJob";
    public static final String BACKFILL_CANDLES_STEP = "backfillCandlesStep";
    public static final String SETTLE_NO_TRADE_INTERVALS_STEP = "settleNoTradeIntervalsStep";
    public static final String FETCH_MARKET_RULES_STEP = "fetchMarketRulesStep";

    /** Asks again for a series' missing ranges: {@link #FILL_GAPS_STEP}, then {@link #RECORD_GAP_ASKS_STEP}. */
    public static final String FILL_GAPS_JOB = "fillGapsJob";
    public static final String FILL_GAPS_STEP = "fillGapsStep";
    public static final String RECORD_GAP_ASKS_STEP = "recordGapAsksStep";

    /**
     * Evaluates one strategy on the candles closed since its last run: {@link #EVALUATE_STRATEGY_STEP}, then
     * {@link #SEND_ORDERS_STEP} (a live strategy's orders; nothing for a paper one).
     */
    public static final String EVALUATE_STRATEGY_JOB = "evaluateStrategyJob";
    public static final String EVALUATE_STRATEGY_STEP = "evaluateStrategyStep";
    public static final String SEND_ORDERS_STEP = "sendOrdersStep";

    /** Replays one strategy over a range of stored candles: {@link #REPLAY_STRATEGY_STEP}. */
    public static final String REPLAY_STRATEGY_JOB = "replayStrategyJob";
    public static final String REPLAY_STRATEGY_STEP = "replayStrategyStep";

    /**
     * Sweeps a strategy's parameter sets over a range of stored candles: {@link #OPTIMIZE_STRATEGY_STEP}, partitioned
     * into {@link #OPTIMIZE_SETS_STEP}s.
     */
    public static final String OPTIMIZE_STRATEGY_JOB = "optimizeStrategyJob";
    public static final String OPTIMIZE_STRATEGY_STEP = "optimizeStrategyStep";
    public static final String OPTIMIZE_SETS_STEP = "optimizeSetsStep";

    /**
     * Reconciles one live trading account with the exchange: {@link #RECONCILE_ACCOUNT_STEP} (orders not final
     * asked for and settled, balances compared with the ledgers).
     */
    public static final String RECONCILE_ACCOUNT_JOB = "reconcileAccountJob";
    public static final String RECONCILE_ACCOUNT_STEP = "reconcileAccountStep";

    /**
     * Computes every strategy's drift, its live trades against a replay of it as declared now, and stores the scores:
     * {@link #DRIFT_SCORES_STEP}.
     */
    public static final String DRIFT_JOB = "driftJob";
    public static final String DRIFT_SCORES_STEP = "driftScoresStep";

    private JobNames() {
    }
}
