package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.jobs.live.EnvironmentVariables;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.BinanceSpotOrders;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.MarketOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What the reconciliation tests share: account {@code main} on a {@link BinanceSpotStandIn} (1000 USDT, BTCUSDT at
 * 40000, each order filled in two trades), live strategy {@code btc-live} trading on it, and a buy of 100 USDT that
 * an evaluate sent and died before it recorded the answer.
 */
final class LiveAccountFixture {

    static final String KEY = "reconcile-test-key";
    static final String SECRET = "reconcile-test-secret";
    static final long CANDLE = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final Instant NOW = Instant.parse("2026-12-01T11:00:05Z");

    private LiveAccountFixture() {
    }

    /** The exchange: close it when the test ends. */
    static BinanceSpotStandIn binance() {
        return new BinanceSpotStandIn(KEY, SECRET).market("BTCUSDT", "BTC", "USDT", "40000")
                .balance("USDT", "1000").tradesPerFill(2);
    }

    /** The command line with account {@code main} on {@code binance} and strategy {@code btc-live} declared. */
    static CliRun cli(Path dir, BinanceSpotStandIn binance) {
        CliRun cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name ->
                        Optional.ofNullable(Map.of("BINANCE_KEY", KEY, "BINANCE_SECRET", SECRET).get(name)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .with("trading.accounts.main.exchange", "binance")
                .with("trading.accounts.main.base-url", binance.baseUrl())
                .with("trading.accounts.main.api-key-env", "BINANCE_KEY")
                .with("trading.accounts.main.secret-env", "BINANCE_SECRET");
        String key = "trading.strategies.btc-live.";
        return cli.with(key + "exchange", "binance").with(key + "symbol", "BTC/USDT").with(key + "timeframe", "1h")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "mode", "live")
                .with(key + "account", "main");
    }

    /** A buy sent by an evaluate that died before it recorded the answer: the stand-in took and filled it. */
    static String buySentAndAnswerLost(CliRun cli, BinanceSpotStandIn binance) {
        String id = ClientOrderIds.of("btc-live", CANDLE, Side.BUY);
        try (ConfigurableApplicationContext app = cli.start()) {
            cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                    + " updated_at) VALUES ('btc-live', 'rsi', 'binance', 'BTC/USDT', '1h', '{}', 0, 0)");
            LiveOrderRepository orders = app.getBean(LiveOrderRepository.class);
            orders.insertIntent(LiveOrder.intent(id, "btc-live", "main", "BTC/USDT", Side.BUY, CANDLE, null,
                    new BigDecimal("100"), NOW.toEpochMilli()));
            orders.countSend(id, NOW.toEpochMilli());
        }
        new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials(KEY, SECRET), Clock.systemUTC(),
                new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), id));
        return id;
    }
}
