package dev.tradingbatch.model;

/**
 * The run ids trades are stored under ({@code strategy_trades.run_id}): live trading's one, and a replay's own,
 * so that a backtest never mixes with what a trader did; and the name a sweep is shown by.
 */
public final class RunIds {

    /** The run a live trader writes; the reference queries' {@code trades} view shows this one only. */
    public static final String LIVE = "live";

    private static final String REPLAY = "replay-";
    private static final String SWEEP = "sweep-";

    private RunIds() {
    }

    /** The run id of the replay recorded as Spring Batch job instance {@code instanceId}: {@code replay-7}. */
    public static String replay(long instanceId) {
        return REPLAY + instanceId;
    }

    /** The name of the sweep recorded as job instance {@code instanceId} ({@code sweep_results.sweep_id}): sweep-2. */
    public static String sweep(long instanceId) {
        return SWEEP + instanceId;
    }
}
