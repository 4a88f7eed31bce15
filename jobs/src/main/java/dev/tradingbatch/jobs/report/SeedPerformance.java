package dev.tradingbatch.jobs.report;

/**
 * The row of the seed's Query 2 on the {@code trades} view (live trades, REAL columns), each value as SQLite
 * renders it to text, so it reads as it does in the sqlite3 shell; a value is null where SQL gives NULL.
 */
record SeedPerformance(String totalTrades, String totalPnl, String avgReturn, String winningTrades,
                       String losingTrades) {
}
