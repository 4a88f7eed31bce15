package dev.tradingbatch.db;

/**
 * The row of the reference Query 2 on the {@code trades} view (live trades, REAL columns), each value as SQLite
 * renders it to text, so it reads as it does in the sqlite3 shell; a value is null where SQL gives NULL.
 */
public record Query2Row(String totalTrades, String totalPnl, String avgReturn, String winningTrades,
                        String losingTrades) {
}
