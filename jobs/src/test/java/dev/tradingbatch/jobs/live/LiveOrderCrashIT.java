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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A live evaluation killed with SIGKILL in a separate process at the points where an order can be lost or doubled: its
 * send on its way and never taken by the exchange (sent again once it can no longer arrive); taken, before the answer came; answered, before the answer was
 * recorded (the database held by another writer). Each time the next {@code evaluate} asks the exchange for the order
 * first, and ends with exactly one order on the exchange and a ledger that matches it.
 */
class LiveOrderCrashIT {

    static final MarketKey MARKET = new MarketKey("binance", "BTC/USDT", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");

    @TempDir
    Path dir;
    BinanceSpotStandIn binance;
    CliRun cli;
    Map<String, String> properties;
    Fill buy;

    @BeforeEach
    void declareAndStore() throws Exception {
        binance = new BinanceSpotStandIn("crash-key", "crash-secret").market("BTCUSDT", "BTC", "USDT", "1000")
                .balance("USDT", "10000");
        Path key = Files.writeString(dir.resolve("key"), "crash-key\n");
        Path secret = Files.writeString(dir.resolve("secret"), "crash-secret\n");
        cli = new CliRun(dir);
        properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", cli.url());
        properties.put("trading.accounts.main.exchange", "binance");
        properties.put("trading.accounts.main.base-url", binance.baseUrl());
        properties.put("trading.accounts.main.api-key-file", key.toString());
        properties.put("trading.accounts.main.secret-file", secret.toString());
        properties.put("trading.exchanges.binance.read-timeout", "60s");
        String s = "trading.strategies.btc-live.";
        properties.put(s + "exchange", "binance");
        properties.put(s + "symbol", "BTC/USDT");
        properties.put(s + "timeframe", "5m");
        properties.put(s + "type", "rsi");
        properties.put(s + "stake", "100");
        properties.put(s + "mode", "live");
        properties.put(s + "account", "main");
        RSI.forEach((k, v) -> properties.put(s + "params." + k, v));
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
        assertThat(evaluate(first).exitCode()).isZero();
        buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime()).getFirst();
        assertThat(buy.side()).isEqualTo(Side.BUY);
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void shouldSendOnceWhenKilledWhileItsSendHadNotReachedTheExchange() throws Exception {
        binance.failNextOrder(Fault.HANG_BEFORE_TAKING).hangDelay(60_000);

        Process evaluate = startEvaluate();
        await(evaluate, binance::ordersReceived, "the order was sent");
        kill(evaluate);
        assertThat(binance.ordersTaken()).as("the exchange never took it").isZero();
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent").containsEntry("sends", 1));

        // at once: the send might still be on its way, so the exchange's "no such order" is not yet an answer
        CliRun.Result tooSoon = evaluateAt(buy.candleTime() + M5 + 1000);
        assertThat(tooSoon.exitCode()).as(tooSoon.out() + tooSoon.err()).isEqualTo(1);
        assertThat(tooSoon.out()).contains("not settled yet");
        assertThat(binance.ordersTaken()).isZero();
        // once OrderSender.SETTLE (30 s) has passed since the send, it is sent again: once
        assertSettledWithOneOrder(evaluateAt(buy.candleTime() + M5 + 1000 + 31_000));
    }

    @Test
    void shouldEndWithOneOrderWhenKilledBetweenTheSendAndItsAnswer() throws Exception {
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT).timeoutDelay(30_000);

        Process evaluate = startEvaluate();
        await(evaluate, binance::ordersTaken, "the order was taken");
        kill(evaluate);   // the exchange took the order, its answer never came
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent").containsEntry("sends", 1));

        assertSettledWithOneOrder(evaluate(buy.candleTime()));
    }

    @Test
    void shouldEndWithOneOrderWhenKilledAfterTheAnswerBeforeItWasRecorded() throws Exception {
        assumeTrue(cli.url().startsWith("jdbc:sqlite:"), "holds SQLite's write lock from another connection");
        // the answer comes a second after the order is taken; by then another writer holds the database
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT).timeoutDelay(1_000);

        Process evaluate = startEvaluate();
        await(evaluate, binance::ordersTaken, "the order was taken");
        try (Connection writer = DriverManager.getConnection(cli.url()); Statement st = writer.createStatement()) {
            st.execute("PRAGMA busy_timeout = 60000");
            st.execute("BEGIN IMMEDIATE");
            Thread.sleep(4_000);   // the answer arrived 3 s ago; recording it waits for the lock (busy_timeout 30 s)
            kill(evaluate);
            st.execute("ROLLBACK");
        }
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent").containsEntry("sends", 1));

        assertSettledWithOneOrder(evaluate(buy.candleTime()));
    }

    /** The next evaluate asked the exchange, found the one order and settled it: nothing sent again. */
    private void assertSettledWithOneOrder(CliRun.Result again) {
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(binance.ordersTaken()).as("one order on the exchange").isEqualTo(1);
        assertThat(cli.query("SELECT status, exchange_status FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted").containsEntry("exchange_status", "FILLED"));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isEqualTo(1);
        assertThat(cli.query("SELECT quantity FROM strategy_trades WHERE run_id = 'live'")).singleElement()
                .satisfies(t -> assertThat(new BigDecimal((String) t.get("quantity")))
                        .isEqualByComparingTo(binance.free("BTC")));
    }

    /** {@code evaluate} of the buy's candle in a JVM of its own. */
    private Process startEvaluate() throws Exception {
        Map<String, String> child = new LinkedHashMap<>(properties);
        child.put("trading.now", Instant.ofEpochMilli(buy.candleTime() + M5 + 1000).toString());
        return ChildJvm.start(dir.resolve("evaluate.log"), child, "evaluate", "--strategy", "btc-live");
    }

    private void await(Process evaluate, IntSupplier count, String what) throws Exception {
        Path log = dir.resolve("evaluate.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (count.getAsInt() < 1) {
            assertThat(evaluate.isAlive()).as(Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** SIGKILL: nothing of the process runs after it. */
    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private CliRun.Result evaluate(long openTime) {
        return evaluateAt(openTime + M5 + 1000);
    }

    private CliRun.Result evaluateAt(long now) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC)).run("evaluate", "--strategy", "btc-live");
    }
}
