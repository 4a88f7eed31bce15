package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.RecordingSleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with real Quartz and a market clock the test moves: the backfill fires after a candle
 * closes, the evaluation follows, a second fire for the same candle is a no-op, and after an outage
 * the first runs catch up on every candle missed. No test waits for a real hour to pass.
 */
class ServiceIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final String BACKFILL = "backfill binance BTC/USDT 1h";

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 120);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    final SettableClock clock = new SettableClock();
    CliRun cli;
    Map<String, Object> properties;

    @BeforeEach
    void configure() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir);
        properties = new HashMap<>();
        properties.put("spring.datasource.url", cli.url());
        properties.put("trading.exchanges.binance.base-url", binance.baseUrl());
        properties.put("trading.backfill.progress", "never");
        properties.put("trading.markets[0].exchange", "binance");
        properties.put("trading.markets[0].symbol", "BTC/USDT");
        properties.put("trading.markets[0].timeframes[0]", "1h");
        properties.put("trading.markets[0].history", "101h");
        properties.put("trading.schedule.delay", "10s");
        String s = "trading.strategies.btc-bin-1h.";
        properties.put(s + "exchange", "binance");
        properties.put(s + "symbol", "BTC/USDT");
        properties.put(s + "timeframe", "1h");
        properties.put(s + "type", "rsi");
        properties.put(s + "params.period", "3");
        properties.put(s + "stake", "1000");
    }

    private ConfigurableApplicationContext start() {
        return new Launcher(properties, Map.of("testClock", clock, "testSleeper", new RecordingSleeper())).start();
    }

    private long executions(String job) {
        return cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'", job);
    }

    private long lastEvaluated() {
        return cli.count("SELECT COALESCE(MAX(CAST(p.PARAMETER_VALUE AS BIGINT)), 0) FROM BATCH_JOB_EXECUTION_PARAMS p "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
                + "WHERE p.PARAMETER_NAME = 'through' AND e.STATUS = 'COMPLETED'");
    }

    private static void await(String what, LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (value.getAsLong() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + ", was " + value.getAsLong());
            }
            Thread.sleep(50);
        }
    }

    private void awaitIdle(ConfigurableApplicationContext ctx) throws Exception {
        org.quartz.Scheduler scheduler = ctx.getBean(org.quartz.Scheduler.class);
        Thread.sleep(300);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void shouldBackfillAfterEachCloseThenEvaluateAndCatchUpAfterAnOutage() throws Exception {
        clock.set(Instant.ofEpochMilli(T0 + 100 * H + 30 * 60_000));   // hour 99 has closed, hour 100 is open
        try (ConfigurableApplicationContext ctx = start()) {
            ServiceRunner runner = ctx.getBean(ServiceRunner.class);
            List<PlannedRun> runs = runner.start(Role.ALL, List.of());

            assertThat(runs).extracting(PlannedRun::name).containsExactly(BACKFILL, "fill-gaps binance BTC/USDT 1h",
                    "drift");
            assertThat(runs.getFirst().strategies()).containsExactly("btc-bin-1h");
            assertThat(runs.getFirst().firstFire()).isEqualTo(Instant.ofEpochMilli(T0 + 101 * H + 10_000));
            long wallWait = runner.nextFire(BACKFILL).getTime() - System.currentTimeMillis();
            assertThat(wallWait).as("fires 10 s after the next close, 30 min away")
                    .isBetween(Duration.ofMinutes(30).toMillis() - 60_000, Duration.ofMinutes(30).toMillis() + 10_000);

            // the catch-up fire at start: everything since the configured history, then the evaluation
            await("candles stored", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 100);
            await("evaluated through hour 99", this::lastEvaluated, T0 + 99 * H);
            awaitIdle(ctx);

            // hour 100 closes; its backfill fires 10 s later, and the evaluation follows
            clock.set(Instant.ofEpochMilli(T0 + 101 * H + 10_000));
            runner.fireNow(BACKFILL);
            await("candles stored", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 101);
            await("evaluated through hour 100", this::lastEvaluated, T0 + 100 * H);
            awaitIdle(ctx);

            // a second fire for the same candle runs nothing
            long backfills = executions(JobNames.BACKFILL_CANDLES_JOB);
            long evaluations = executions(JobNames.EVALUATE_STRATEGY_JOB);
            binance.resetRequests();
            runner.fireNow(BACKFILL);
            awaitIdle(ctx);
            assertThat(executions(JobNames.BACKFILL_CANDLES_JOB)).isEqualTo(backfills);
            assertThat(executions(JobNames.EVALUATE_STRATEGY_JOB)).isEqualTo(evaluations);
            assertThat(binance.getAllServeEvents()).isEmpty();
            runner.stop();
        }

        // down for five hours: the first runs of the next start cover the candles missed
        clock.set(Instant.ofEpochMilli(T0 + 106 * H + 20 * 60_000));
        try (ConfigurableApplicationContext ctx = start()) {
            ServiceRunner runner = ctx.getBean(ServiceRunner.class);
            runner.start(Role.ALL, List.of());
            await("candles stored", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 106);
            await("evaluated through hour 105", this::lastEvaluated, T0 + 105 * H);
            awaitIdle(ctx);
            runner.stop();
        }
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'")).isZero();
        // the trader evaluated every candle from its first one: its trades are what a replay gives
        CliRun replay = new CliRun(dir);
        properties.forEach((k, v) -> replay.with(k, v));
        CliRun.Result r = replay.run("replay", "--strategy", "btc-bin-1h", "--from", String.valueOf(T0 + 99 * H),
                "--to", String.valueOf(T0 + 106 * H));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String trades = "SELECT side, price, quantity, fee, candle_time, pnl FROM strategy_trades WHERE run_id = ? "
                + "ORDER BY candle_time, side";
        long replayed = cli.count("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.REPLAY_STRATEGY_JOB);
        assertThat(cli.query(trades, RunIds.LIVE)).isEqualTo(cli.query(trades, RunIds.replay(replayed)));
    }

    @Test
    void shouldLetATraderWaitForTheBackfillerBeforeEvaluating() throws Exception {
        CliRun backfiller = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(java.time.Clock.fixed(Instant.ofEpochMilli(T0 + 100 * H + 60_000), java.time.ZoneOffset.UTC));
        assertThat(backfiller.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01").exitCode()).isZero();
        properties.put("trading.schedule.wait-for-candle", "20s");
        properties.put("trading.schedule.poll-interval", "100ms");
        clock.set(Instant.ofEpochMilli(T0 + 101 * H + 10_000));   // hour 100 has closed, not stored yet

        try (ConfigurableApplicationContext ctx = start()) {
            ServiceRunner runner = ctx.getBean(ServiceRunner.class);
            runner.start(Role.TRADER, List.of("btc-bin-1h"));
            Thread.sleep(1_000);
            assertThat(lastEvaluated()).as("still waiting for hour 100").isZero();

            // the backfiller, another process, stores it
            assertThat(backfiller.clock(java.time.Clock.fixed(Instant.ofEpochMilli(T0 + 101 * H + 5_000),
                    java.time.ZoneOffset.UTC)).run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
                    "--timeframe", "1h").exitCode()).isZero();
            await("evaluated through hour 100", this::lastEvaluated, T0 + 100 * H);
            awaitIdle(ctx);
            runner.stop();
        }
    }

    @Test
    void shouldArchiveAndDeleteCandlesOlderThanTheRetention() throws Exception {
        properties.put("trading.markets[0].retention", "50h");
        properties.put("trading.schedule.archive-dir", dir.resolve("archive").toString());
        clock.set(Instant.ofEpochMilli(T0 + 100 * H + 30 * 60_000));
        try (ConfigurableApplicationContext ctx = start()) {
            ServiceRunner runner = ctx.getBean(ServiceRunner.class);
            List<PlannedRun> runs = runner.start(Role.BACKFILLER, List.of());
            assertThat(runs).extracting(PlannedRun::name).contains("retention binance BTC/USDT 1h");
            await("candles stored", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 100);
            awaitIdle(ctx);

            runner.fireNow("retention binance BTC/USDT 1h");
            await("candles kept", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 50);
            awaitIdle(ctx);
            runner.stop();
        }
        Path archived = dir.resolve("archive").resolve("binance-BTC-USDT-1h-before-2024-01-03T02-00-00Z.csv.gz");
        assertThat(archived).isRegularFile();
        assertThat(cli.count("SELECT MIN(open_time) FROM candles")).isEqualTo(T0 + 50 * H);
        // the archive imports back exactly
        assertThat(cli.run("backfill", "--exchange", "file", "--file", archived.toString(), "--as", "binance",
                "--symbol", "BTC/USDT", "--timeframe", "1h").out()).contains("50 stored, 0 already present, 0 rejected");
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(100);
    }

    @Test
    void shouldRefuseBadRoleAndStrategyArguments() {
        CliRun run = new CliRun(dir);
        properties.forEach(run::with);

        assertBad(run.run("run", "--role", "boss"), "error: Invalid value for option '--role': expected one of "
                + "all, backfiller, trader, sweep-worker but was 'boss'");
        assertBad(run.run("run", "--role", "backfiller", "--strategy", "btc-bin-1h"),
                "error: --strategy goes with --role trader or all, not backfiller");
        assertBad(run.run("run", "--role", "sweep-worker", "--strategy", "btc-bin-1h"),
                "error: --strategy goes with --role trader or all, not sweep-worker");
        assertBad(run.run("run", "--role", "trader", "--strategy", "eth-bin-1h"),
                "error: unknown strategy 'eth-bin-1h' (declared: btc-bin-1h)");
        CliRun empty = new CliRun(dir.resolve("empty"));
        assertBad(empty.run("run", "--role", "trader"),
                "error: a trader needs strategies: none declared under trading.strategies");
        assertBad(empty.run("run", "--role", "backfiller"),
                "error: a backfiller needs markets to keep: none configured under trading.markets");
        assertBad(run.with("trading.markets[0].timeframes[0]", "2h").run("schedule"),
                "error: trading.markets: binance BTC/USDT: unknown timeframe '2h' (expected one of 1m, 5m, 15m, 1h, 4h, 1d)");
    }

    @Test
    void shouldListWhatWouldFireWhen() {
        CliRun run = new CliRun(dir).clock(java.time.Clock.fixed(Instant.ofEpochMilli(T0 + 100 * H + 30 * 60_000),
                java.time.ZoneOffset.UTC));
        properties.forEach(run::with);

        CliRun.Result all = run.run("schedule");
        CliRun.Result trader = run.run("schedule", "--role", "trader");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("backfill binance BTC/USDT 1h             every 1h after close     2024-01-05T05:00:10Z   evaluates btc-bin-1h")
                .contains("fill-gaps binance BTC/USDT 1h            cron 0 30 3 * * ?        2024-01-06T03:30:00Z\n");
        assertThat(trader.out()).contains("evaluate btc-bin-1h                      every 1h after close     2024-01-05T05:00:10Z");
        // drift (trading.drift.interval, 1h): a trader's strategies, first an interval after the start; 0: off
        for (CliRun.Result r : List.of(all, trader)) {
            assertThat(r.out().lines().filter(l -> l.startsWith("drift "))).singleElement().asString()
                    .matches("drift +every 1h +2024-01-05T05:30:00Z +compares every declared strategy");
        }
        assertThat(run.run("schedule", "--role", "trader", "--strategy", "btc-bin-1h").out())
                .containsPattern("\ndrift +every 1h +2024-01-05T05:30:00Z +compares btc-bin-1h\n");
        CliRun.Result backfiller = run.run("schedule", "--role", "backfiller");
        assertThat(backfiller.out()).as(backfiller.err()).contains("backfill ").doesNotContain("drift");
        CliRun.Result off = run.with("trading.drift.interval", "0").run("schedule");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("backfill ").doesNotContain("drift");
    }

    private static void assertBad(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
