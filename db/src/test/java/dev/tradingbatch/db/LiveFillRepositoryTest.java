package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code live_fills} keyed by the exchange's trade id as sent: text, numbers beyond 2^53 exact, each fill once. */
class LiveFillRepositoryTest {

    static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    /** 2^53 + 1: the first whole number a double cannot hold (read through one, it would become 2^53). */
    static final String BEYOND_DOUBLE = "9007199254740993";

    @TempDir
    Path dir;
    HikariDataSource ds;
    LiveFillRepository fills;
    JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        fills = new LiveFillRepository(ds);
        jdbc = new JdbcTemplate(ds);
        new TradeRepository(ds).upsertStrategy("btc-kr", "rsi", new MarketKey("kraken", "BTC/USD", Timeframe.M5),
                "{}", T0);
        new LiveOrderRepository(ds).insertIntent(LiveOrder.intent("tb-1-b", "btc-kr", "kr", "BTC/USD", Side.BUY, T0,
                null, BigDecimal.TEN, T0));
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private static LiveFill fill(String account, String tradeId, long time) {
        return new LiveFill(account, "BTC/USD", tradeId, "tb-1-b", Side.BUY, new BigDecimal("42000.1"),
                new BigDecimal("0.00010000"), new BigDecimal("4.20001"), new BigDecimal("0.0168"), "USD", time);
    }

    @Test
    void shouldKeepKrakensTextTradeIdAsSentAndReadItBack() {
        assertThat(fills.insertNew(List.of(fill("kr", "TCCCTY-WE4VW-TMJ5IT", T0 + 1)))).isOne();
        assertThat(fills.insertNew(List.of(fill("kr", "TCCCTY-WE4VW-TMJ5IT", T0 + 1)))).as("the same trade again")
                .isZero();

        assertThat(fills.ofOrder("tb-1-b")).extracting(LiveFill::tradeId).containsExactly("TCCCTY-WE4VW-TMJ5IT");
        assertThat(jdbc.queryForObject("SELECT trade_id FROM live_fills", String.class))
                .isEqualTo("TCCCTY-WE4VW-TMJ5IT");
    }

    @Test
    void shouldKeepANumericIdBeyond2To53ExactlyAndAsText() {
        assertThat(fills.insertNew(List.of(fill("bin", BEYOND_DOUBLE, T0)))).isOne();
        assertThat(fills.insertNew(List.of(fill("bin", "9007199254740992", T0)))).as("its neighbour is another trade")
                .isOne();

        assertThat(fills.ofStrategy("btc-kr")).extracting(LiveFill::tradeId)
                .containsExactly("9007199254740992", BEYOND_DOUBLE);
        if (!TestDatabases.postgresql()) {
            // a TEXT column: SQLite does not turn the digits back into an INTEGER (nor a REAL)
            assertThat(jdbc.queryForList("SELECT typeof(trade_id) FROM live_fills", String.class)).containsOnly("text");
        }
    }

    @Test
    void shouldOrderTheFillsOfOneMillisecondByTheirIdsValueNotItsText() {
        fills.insertNew(List.of(fill("bin", "10", T0), fill("bin", "9", T0), fill("bin", "100", T0),
                fill("bin", "8", T0 - 1)));

        assertThat(fills.ofOrder("tb-1-b")).extracting(LiveFill::tradeId).containsExactly("8", "9", "10", "100");
    }

    @Test
    void shouldRenameAFillStoredUnderItsFormerIdToItsIdAsSentOnce() {
        fills.insertNew(List.of(fill("kr", "1234567890123456789", T0)));

        assertThat(fills.rename("kr", "BTC/USD", "tb-1-b", "1234567890123456789", "TCCCTY-WE4VW-TMJ5IT")).isTrue();
        assertThat(fills.insertNew(List.of(fill("kr", "TCCCTY-WE4VW-TMJ5IT", T0)))).as("stored already").isZero();
        assertThat(fills.rename("kr", "BTC/USD", "tb-1-b", "1234567890123456789", "TCCCTY-WE4VW-TMJ5IT")).isFalse();

        assertThat(fills.ofOrder("tb-1-b")).extracting(LiveFill::tradeId).containsExactly("TCCCTY-WE4VW-TMJ5IT");
    }

    @Test
    void shouldRenameNothingOfAnotherOrderOrAccountNorOverAnIdStoredAlready() {
        new LiveOrderRepository(ds).insertIntent(LiveOrder.intent("tb-2-s", "btc-kr", "kr", "BTC/USD", Side.SELL,
                T0 + 1, BigDecimal.ONE, null, T0));
        fills.insertNew(List.of(fill("kr", "111", T0), fill("other", "222", T0), fill("kr", "TA-B-C", T0),
                fill("kr", "333", T0)));

        assertThat(fills.rename("kr", "BTC/USD", "tb-2-s", "111", "TX-Y-Z")).as("another order's fill").isFalse();
        assertThat(fills.rename("kr", "BTC/USD", "tb-1-b", "222", "TX-Y-Z")).as("another account's fill").isFalse();
        assertThat(fills.rename("kr", "BTC/USD", "tb-1-b", "333", "TA-B-C")).as("that id is stored").isFalse();

        assertThat(jdbc.queryForList("SELECT trade_id FROM live_fills ORDER BY trade_id", String.class))
                .containsExactly("111", "222", "333", "TA-B-C");
    }
}
