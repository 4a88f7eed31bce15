package dev.tradingbatch.writers.orders;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TestDatabase;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link OrderIntentWriter} and {@link LiveFillWriter}: each intent and exchange trade stored and counted once. */
class LiveOrderWritersTest {

    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    static final long H1 = Timeframe.H1.millis();

    @TempDir
    Path dir;
    HikariDataSource ds;
    LiveOrderRepository orders;
    LiveFillRepository fills;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        orders = new LiveOrderRepository(ds);
        fills = new LiveFillRepository(ds);
        new TradeRepository(ds).upsertStrategy("btc-live", "rsi", BTC, "{}", T0);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldCommitEachIntentOnceAndKeepOnlyTheNewOnes() {
        LiveOrder buy = intent("btc-live-b-1", Side.BUY, T0, null, "100");
        new OrderIntentWriter(orders).write(new Chunk<>(buy));
        LiveOrder sameCandleAgain = intent("btc-live-b-1", Side.BUY, T0, null, "999");
        LiveOrder sell = intent("btc-live-s-2", Side.SELL, T0 + H1, "0.0025", null);
        OrderIntentWriter again = new OrderIntentWriter(orders);

        again.write(new Chunk<>(sameCandleAgain, sell));
        again.write(new Chunk<>(sell));

        assertThat(again.committed()).containsExactly(sell);
        assertThat(orders.ofStrategy("btc-live")).extracting(LiveOrder::clientOrderId, LiveOrder::status,
                        LiveOrder::quoteQuantity)
                .containsExactly(tuple("btc-live-b-1", LiveOrder.INTENT, new BigDecimal("100")),
                        tuple("btc-live-s-2", LiveOrder.INTENT, null));
    }

    @Test
    void shouldStoreEachExchangeTradeOnceWithItsExactDecimals() {
        orders.insertIntent(intent("btc-live-b-1", Side.BUY, T0, null, "100"));
        LiveFill first = fill(11, "42000.10", "0.0012", "50.40012", "0.0000012");
        LiveFill second = fill(12, "42001", "0.0011785", "49.4981785", "0.0000011785");
        LiveFillWriter writer = new LiveFillWriter(fills);

        writer.write(new Chunk<>(first));
        writer.write(new Chunk<>(first, second));

        assertThat(writer.stored()).isEqualTo(2);
        assertThat(fills.ofOrder("btc-live-b-1")).containsExactly(first, second);
        LiveFillWriter again = new LiveFillWriter(fills);
        again.write(new Chunk<>(second));
        assertThat(again.stored()).isZero();
    }

    private static LiveOrder intent(String id, Side side, long candle, String quantity, String quote) {
        return LiveOrder.intent(id, "btc-live", "main", "BTC/USDT", side, candle,
                quantity == null ? null : new BigDecimal(quantity), quote == null ? null : new BigDecimal(quote),
                candle + H1 + 5000);
    }

    private static LiveFill fill(long tradeId, String price, String quantity, String quote, String commission) {
        return new LiveFill("main", "BTC/USDT", Long.toString(tradeId), "btc-live-b-1", Side.BUY, new BigDecimal(price),
                new BigDecimal(quantity), new BigDecimal(quote), new BigDecimal(commission), "BTC",
                T0 + H1 + 6000 + tradeId);
    }
}
