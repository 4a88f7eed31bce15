package dev.tradingbatch.db;

import dev.tradingbatch.model.StoredTrade;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.TradeRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trades stored through {@link TradeRepository}, read back as reports read them. */
class ReportRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final long H = 3_600_000L;

    @TempDir
    Path dir;
    HikariDataSource ds;
    TradeRepository trades;
    ReportRepository reports;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        trades = new TradeRepository(ds);
        reports = new ReportRepository(ds);
        trades.upsertStrategy("eth-bin-1h", "macd", new MarketKey("binance", "ETH/USDT", Timeframe.H1), "{}", T0);
        trades.upsertStrategy("btc-bin-1h", "rsi", new MarketKey("binance", "BTC/USDT", Timeframe.H1), "{}", T0);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldListTheDeclaredStrategiesById() {
        assertThat(reports.strategies()).containsExactly(
                new StoredStrategy("btc-bin-1h", "rsi", "binance", "BTC/USDT", "1h"),
                new StoredStrategy("eth-bin-1h", "macd", "binance", "ETH/USDT", "1h"));
        assertThat(reports.strategies().getFirst().market()).isEqualTo("binance BTC/USDT 1h");
        assertThat(reports.strategies().getFirst().quote()).isEqualTo("USDT");
    }

    @Test
    void shouldReadBackOneRunsTradesWithTheirExactDecimalsInTradingOrder() {
        trades.insertNew(List.of(
                row("btc-bin-1h", "live", "sell", 3, "42000.5", "0.0238", "1.0000", "12.5", "1.25"),
                row("btc-bin-1h", "live", "buy", 1, "41000.25", "0.0238", "0.97", null, null),
                row("btc-bin-1h", "replay-1", "buy", 2, "1", "1", "0", null, null),
                row("eth-bin-1h", "live", "buy", 1, "2000", "0.5", "1", null, null)));

        List<StoredTrade> live = reports.trades("btc-bin-1h", "live");

        assertThat(live).extracting(StoredTrade::side).containsExactly("buy", "sell");
        StoredTrade sell = live.getLast();
        assertThat(sell.strategyId()).isEqualTo("btc-bin-1h");
        assertThat(sell.candleTime()).isEqualTo(T0 + 3 * H);
        assertThat(sell.price()).isEqualTo(new BigDecimal("42000.5"));
        assertThat(sell.quantity()).isEqualTo(new BigDecimal("0.0238"));
        assertThat(sell.fee()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(sell.pnl()).isEqualTo(new BigDecimal("12.5"));
        assertThat(sell.pnlPercent()).isEqualTo(new BigDecimal("1.25"));
        assertThat(live.getFirst().pnl()).isNull();
        assertThat(live.getFirst().isBuy()).isTrue();
        assertThat(live.getFirst().cost()).isEqualByComparingTo("976.77595");
    }

    @Test
    void shouldReadEveryStrategysTradesOfOneRunByStrategy() {
        trades.insertNew(List.of(
                row("eth-bin-1h", "live", "buy", 1, "2000", "0.5", "1", null, null),
                row("btc-bin-1h", "live", "sell", 3, "42000", "1", "1", "2", "0.1"),
                row("btc-bin-1h", "live", "buy", 1, "41000", "1", "1", null, null),
                row("btc-bin-1h", "replay-1", "buy", 2, "1", "1", "0", null, null)));

        assertThat(reports.trades("live")).extracting(t -> t.strategyId() + " " + t.side())
                .containsExactly("btc-bin-1h buy", "btc-bin-1h sell", "eth-bin-1h buy");
        assertThat(reports.trades("replay-2")).isEmpty();
    }

    @Test
    void shouldGiveQuery2sRowOfLiveTradesOnly() {
        trades.insertNew(List.of(
                row("btc-bin-1h", "live", "buy", 1, "41000", "1", "1", null, null),
                row("btc-bin-1h", "live", "sell", 2, "42000", "1", "1", "12.5", "1.25"),
                row("btc-bin-1h", "replay-1", "sell", 2, "42000", "1", "1", "-100", "-10")));

        assertThat(reports.query2("btc-bin-1h")).contains(new Query2Row("2", "12.5", "1.25", "1", "0"));
        assertThat(reports.query2("eth-bin-1h")).isEmpty();
    }

    private static TradeRow row(String strategy, String run, String side, int hour, String price, String quantity,
                                String fee, String pnl, String pnlPercent) {
        return new TradeRow(strategy, run, "BTC/USDT", side, new BigDecimal(price), new BigDecimal(quantity),
                new BigDecimal(fee), T0 + hour * H, T0 + hour * H + 1, pnl == null ? null : new BigDecimal(pnl),
                pnlPercent == null ? null : new BigDecimal(pnlPercent), "{}");
    }
}
