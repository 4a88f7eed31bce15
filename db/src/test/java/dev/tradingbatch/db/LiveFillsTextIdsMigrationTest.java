package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * V18 on a database holding fills stored under V10's numeric trade ids: every row kept, its id now its decimal text,
 * the key still one fill per account, symbol and trade id.
 */
class LiveFillsTextIdsMigrationTest {

    static final long T0 = 1_704_067_200_000L;

    @TempDir
    Path dir;
    HikariDataSource ds;

    @AfterEach
    void close() {
        ds.close();
    }

    private Flyway flyway(String target) {
        String url = TestDatabases.url(dir.resolve("test.db"));
        Dialect dialect = Dialect.of(url);
        if (ds == null) {
            ds = new HikariDataSource();
            ds.setJdbcUrl(dialect == Dialect.SQLITE ? SqliteUrls.withSettings(url) : url);
            ds.setMaximumPoolSize(2);
        }
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + dialect.name().toLowerCase())
                .target(target).load();
    }

    @Test
    void shouldKeepEveryStoredFillWithItsIdAsDecimalText() {
        flyway("17").migrate();
        new TradeRepository(ds).upsertStrategy("btc-kr", "rsi", new MarketKey("kraken", "BTC/USD", Timeframe.M5),
                "{}", T0);
        new LiveOrderRepository(ds).insertIntent(LiveOrder.intent("tb-1-b", "btc-kr", "kr", "BTC/USD", Side.BUY, T0,
                null, BigDecimal.TEN, T0));
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // a Binance id as V10 stored it, and a Kraken fill under the number derived from its text id
        for (Object[] row : List.of(new Object[] {"bin", 5000L}, new Object[] {"kr", 8_765_432_109_876_543_210L})) {
            jdbc.update("INSERT INTO live_fills (account, symbol, trade_id, client_order_id, price, quantity,"
                    + " quote_quantity, commission, commission_asset, traded_at)"
                    + " VALUES (?, 'BTC/USD', ?, 'tb-1-b', '42000.10', '0.00010000', '4.20001', '0.0168', 'USD', ?)",
                    row[0], row[1], T0);
        }

        assertThat(flyway("18").migrate().migrationsExecuted).isOne();

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT account, trade_id, client_order_id, price, traded_at"
                + " FROM live_fills ORDER BY account");
        assertThat(rows).extracting(r -> r.get("account"), r -> r.get("trade_id"), r -> r.get("client_order_id"),
                        r -> r.get("price"), r -> ((Number) r.get("traded_at")).longValue())
                .containsExactly(tuple("bin", "5000", "tb-1-b", "42000.10", T0),
                        tuple("kr", "8765432109876543210", "tb-1-b", "42000.10", T0));
        if (!TestDatabases.postgresql()) {
            assertThat(jdbc.queryForList("SELECT typeof(trade_id) FROM live_fills", String.class)).containsOnly("text");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
                    + " AND name = 'live_fills_by_order'", Integer.class)).isOne();
        }
        LiveFillRepository fills = new LiveFillRepository(ds);
        LiveFill again = new LiveFill("bin", "BTC/USD", "5000", "tb-1-b", Side.BUY, new BigDecimal("42000.10"),
                new BigDecimal("0.00010000"), new BigDecimal("4.20001"), new BigDecimal("0.0168"), "USD", T0);
        assertThat(fills.insertNew(List.of(again))).as("the key still holds: the same trade is not stored twice")
                .isZero();
        assertThat(fills.ofOrder("tb-1-b")).extracting(LiveFill::tradeId).containsExactly("5000",
                "8765432109876543210");
    }
}
