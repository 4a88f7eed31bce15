package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.TradeRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A copy of an SQLite database holds what the database held, in one file. SQLite only. */
class SqliteBackupTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);

    @TempDir
    Path dir;
    HikariDataSource ds;

    @BeforeEach
    void open() {
        assumeFalse(TestDatabases.postgresql(), "an SQLite file is copied");
        ds = TestDatabase.migrated(dir);
    }

    @AfterEach
    void close() {
        if (ds != null) {
            ds.close();
        }
    }

    @Test
    void shouldCopyTheRowsStoredIntoOneSelfContainedFile() throws Exception {
        new CandleRepository(ds).insertNew(BTC, List.of(CandleRepositoryTest.candle(T0, "1", "2", "0.5", "1.5", "3"),
                CandleRepositoryTest.candle(T0 + 3_600_000, "1.5", "2", "1", "1.75", "4")));
        TradeRepository trades = new TradeRepository(ds);
        trades.upsertStrategy("btc-bin-1h", "rsi", BTC, "{}", T0);
        trades.insertNew(List.of(new TradeRow("btc-bin-1h", "live", "BTC/USDT", "buy", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, T0, T0, null, null, "{}")));
        Path copy = Files.createFile(dir.resolve("copy.db"));

        TableCounts counts = new SqliteBackup(ds).copyTo(copy);

        assertThat(counts).isEqualTo(new TableCounts(2, 1, 1));
        assertThat(counts).hasToString("candles 2, markets 1, strategy_trades 1");
        assertThat(dir.resolve("copy.db-wal")).doesNotExist();
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + copy)) {
            assertThat(new CandleRepository(new SingleConnectionDataSource(connection, true))
                    .find(BTC, T0, T0 + 7_200_000)).extracting(c -> c.close().stripTrailingZeros().toPlainString())
                    .containsExactly("1.5", "1.75");
        }
    }
}
