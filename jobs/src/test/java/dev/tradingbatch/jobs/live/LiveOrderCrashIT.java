package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.ChildJvm;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn.Fault;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live evaluation killed with SIGKILL in a separate process after its intent was committed and its order sent,
 * before the exchange's answer was recorded: the next {@code evaluate} asks the exchange, finds the order, and ends
 * with one order on the exchange and a ledger that matches it.
 */
class LiveOrderCrashIT {

    static final MarketKey MARKET = new MarketKey("binance", "BTC/USDT", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();

    @TempDir
    Path dir;
    BinanceSpotStandIn binance;

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void shouldEndWithOneOrderWhenKilledBetweenTheSendAndItsRecord() throws Exception {
        binance = new BinanceSpotStandIn("crash-key", "crash-secret").market("BTCUSDT", "BTC", "USDT", "1000")
                .balance("USDT", "10000").timeoutDelay(30_000);
        Path key = Files.writeString(dir.resolve("key"), "crash-key\n");
        Path secret = Files.writeString(dir.resolve("secret"), "crash-secret\n");
        CliRun cli = new CliRun(dir);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", cli.url());
        properties.put("trading.accounts.main.exchange", "binance");
        properties.put("trading.accounts.main.base-url", binance.baseUrl());
        properties.put("trading.accounts.main.api-key-file", key.toString());
        properties.put("trading.accounts.main.secret-file", secret.toString());
        properties.put("trading.exchanges.binance.read-timeout", "60s");
        Map<String, String> rsi = Map.of("period", "14", "oversold", "35", "overbought", "65");
        String s = "trading.strategies.btc-live.";
        properties.put(s + "exchange", "binance");
        properties.put(s + "symbol", "BTC/USDT");
        properties.put(s + "timeframe", "5m");
        properties.put(s + "type", "rsi");
        properties.put(s + "stake", "100");
        properties.put(s + "mode", "live");
        properties.put(s + "account", "main");
        rsi.forEach((k, v) -> properties.put(s + "params." + k, v));
        properties.forEach(cli::with);
        assertThat(cli.run("markets").exitCode()).isZero();
        List<Candle> candles = BitstampSample.candles();
        SingleConnectionDataSource ds = new SingleConnectionDataSource(cli.url(), true);
        try {
            new CandleRepository(ds).insertNew(MARKET, candles);
        } finally {
            ds.destroy();
        }
        long first = candles.get(300).openTime();
        assertThat(evaluate(cli, first).exitCode()).isZero();
        Fill buy = BitstampSample.fills(candles, StrategySpec.of("rsi", rsi), first, candles.getLast().openTime())
                .getFirst();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT);

        Map<String, String> child = new LinkedHashMap<>(properties);
        child.put("trading.now", Instant.ofEpochMilli(buy.candleTime() + M5 + 1000).toString());
        Path log = dir.resolve("evaluate.log");
        Process evaluate = ChildJvm.start(log, child, "evaluate", "--strategy", "btc-live");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (binance.ordersTaken() < 1) {
            assertThat(evaluate.isAlive()).as(Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("the order was sent").isLessThan(deadline);
            Thread.sleep(20);
        }
        evaluate.destroyForcibly();   // SIGKILL: the exchange took the order, its answer is never recorded
        assertThat(evaluate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent").containsEntry("sends", 1));

        CliRun.Result again = evaluate(cli, buy.candleTime());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(binance.ordersTaken()).as("asked for, not sent again").isEqualTo(1);
        assertThat(cli.query("SELECT status, exchange_status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted").containsEntry("exchange_status", "FILLED")
                        .containsEntry("sends", 1));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isEqualTo(1);
        assertThat(cli.query("SELECT quantity FROM strategy_trades WHERE run_id = 'live'")).singleElement()
                .satisfies(t -> assertThat(new java.math.BigDecimal((String) t.get("quantity")))
                        .isEqualByComparingTo(binance.free("BTC")));
    }

    private static CliRun.Result evaluate(CliRun cli, long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "btc-live");
    }
}
