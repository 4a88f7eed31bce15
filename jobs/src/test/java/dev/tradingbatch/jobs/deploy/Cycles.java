package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.cli.CliRun;

/** How far the services of a deploy test have come: what ComposeIT and ClusterIT wait on each cycle. */
final class Cycles {

    private Cycles() {
    }

    /** Series (by symbol) whose newest stored candle opens at {@code candle} or later. */
    static long seriesStoredThrough(CliRun cli, long candle) {
        return cli.count("SELECT COUNT(*) FROM (SELECT symbol FROM ohlcv_data GROUP BY symbol "
                + "HAVING MAX(timestamp) >= ?) s", candle);
    }

    /** Strategies with a completed evaluation through {@code candle} or later. */
    static long strategiesEvaluatedThrough(CliRun cli, long candle) {
        return cli.count("""
                SELECT COUNT(DISTINCT s.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_EXECUTION_PARAMS s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.PARAMETER_NAME = 'strategy'
                JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'through'
                WHERE e.STATUS = 'COMPLETED' AND CAST(t.PARAMETER_VALUE AS BIGINT) >= ?""", candle);
    }
}
