package dev.tradingbatch.writers.trades;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.TestDatabase;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.TradeRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TradeItemWriterTest {

    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    static final long H1 = Timeframe.H1.millis();
    static final String PARAMS = "{\"period\":\"14\"}";

    @TempDir
    Path dir;
    HikariDataSource ds;
    TradeRepository trades;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        trades = new TradeRepository(ds);
        trades.upsertStrategy("btc-bin-1h", "rsi", BTC, PARAMS, T0);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldStoreTradesWithTheirExactDecimalsAndReadThemBack() {
        TradeRow buy = buy(T0, "42000.10", "0.02380952", "0.84000200");
        TradeRow sell = sell(T0 + 3 * H1, "43000.5", "0.02380952", "0.86000952", "21.02345", "2.501234567891");
        TradeItemWriter writer = new TradeItemWriter(trades);

        writer.write(new Chunk<>(buy, sell));

        assertThat(writer.stored()).isEqualTo(2);
        assertThat(trades.trades("btc-bin-1h", RunIds.LIVE)).containsExactly(buy, sell);
        assertThat(trades.trades("btc-bin-1h", RunIds.replay(1))).isEmpty();
    }

    @Test
    void shouldCountOnlyTradesNotStoredBeforeAndLeaveStoredOnesAsTheyAre() {
        TradeRow buy = buy(T0, "42000.1", "0.5", "21");
        new TradeItemWriter(trades).write(new Chunk<>(buy));
        TradeRow sameCandleOtherPrice = buy(T0, "99999", "0.5", "21");
        TradeRow sell = sell(T0 + H1, "42100", "0.5", "21.05", "7.95", "0.0378");
        TradeItemWriter again = new TradeItemWriter(trades);

        again.write(new Chunk<>(sameCandleOtherPrice, sell));
        again.write(new Chunk<>(sell));

        assertThat(again.stored()).isEqualTo(1);
        assertThat(trades.trades("btc-bin-1h", RunIds.LIVE)).containsExactly(buy, sell);
    }

    @Test
    void shouldKeepARunsTradesApartFromLiveOnes() {
        TradeRow live = buy(T0, "42000", "0.5", "21");
        TradeRow replayed = new TradeRow("btc-bin-1h", RunIds.replay(3), "BTC/USDT", "buy", new BigDecimal("42000"),
                new BigDecimal("0.5"), new BigDecimal("21"), T0, T0 + H1, null, null, PARAMS);
        TradeItemWriter writer = new TradeItemWriter(trades);

        writer.write(new Chunk<>(live, replayed));

        assertThat(writer.stored()).isEqualTo(2);
        assertThat(trades.trades("btc-bin-1h", RunIds.LIVE)).containsExactly(live);
        assertThat(trades.trades("btc-bin-1h", "replay-3")).containsExactly(replayed);
    }

    private static TradeRow buy(long candle, String price, String quantity, String fee) {
        return new TradeRow("btc-bin-1h", RunIds.LIVE, "BTC/USDT", "buy", new BigDecimal(price),
                new BigDecimal(quantity), new BigDecimal(fee), candle, candle + H1 + 1000, null, null, PARAMS);
    }

    private static TradeRow sell(long candle, String price, String quantity, String fee, String pnl, String pnlPercent) {
        return new TradeRow("btc-bin-1h", RunIds.LIVE, "BTC/USDT", "sell", new BigDecimal(price),
                new BigDecimal(quantity), new BigDecimal(fee), candle, candle + H1 + 1000, new BigDecimal(pnl),
                new BigDecimal(pnlPercent), PARAMS);
    }
}
