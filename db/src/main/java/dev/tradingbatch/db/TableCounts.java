package dev.tradingbatch.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Rows of the tables a backup is checked by: market data (candles, markets) and trade data. */
public record TableCounts(long candles, long markets, long strategyTrades) {

    /** Counted in one statement, so inside or outside a transaction the three belong to one snapshot. */
    static TableCounts read(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("""
                SELECT (SELECT COUNT(*) FROM candles), (SELECT COUNT(*) FROM markets),
                       (SELECT COUNT(*) FROM strategy_trades)""")) {
            rs.next();
            return new TableCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    @Override
    public String toString() {
        return "candles " + candles + ", markets " + markets + ", strategy_trades " + strategyTrades;
    }
}
