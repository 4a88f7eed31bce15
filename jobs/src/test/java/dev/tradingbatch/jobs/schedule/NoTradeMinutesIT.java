package dev.tradingbatch.jobs.schedule;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.support.FakeCoinbase;
import dev.tradingbatch.jobs.support.RecordingSleeper;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coinbase has no candle for a minute without trades. A trader on a Coinbase 1m series, run by the service with
 * its own scheduler (the market clock moved by the test), keeps evaluating every candle through such minutes:
 * the backfill that brings the next candle answers for the quiet minutes before it, so they are no open gap,
 * and no candle is invented for them.
 */
class NoTradeMinutesIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long M = Timeframe.M1.millis();
    static final String BACKFILL = "backfill coinbase BTC/USD 1m";
    static final Set<Integer> QUIET = Set.of(70, 71, 72, 80, 84);

    final FakeCoinbase exchange = new FakeCoinbase(T0, M).noTrades(70, 73).noTrades(80, 81).noTrades(84, 85);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension coinbase = exchange.server();

    @Test
    void shouldEvaluateEveryCandleThroughMinutesWithoutTrades() throws Exception {
        coinbase.stubFor(FakeCoinbase.stub());
        CliRun cli = new CliRun(dir);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", cli.url());
        properties.put("trading.exchanges.coinbase.base-url", coinbase.baseUrl());
        properties.put("trading.backfill.progress", "never");
        properties.put("trading.markets[0].exchange", "coinbase");
        properties.put("trading.markets[0].symbol", "BTC/USD");
        properties.put("trading.markets[0].timeframes[0]", "1m");
        properties.put("trading.markets[0].history", "65m");
        String s = "trading.strategies.rsi-cb-1m.";
        properties.put(s + "exchange", "coinbase");
        properties.put(s + "symbol", "BTC/USD");
        properties.put(s + "timeframe", "1m");
        properties.put(s + "type", "rsi");
        properties.put(s + "params.period", "3");
        properties.put(s + "stake", "1000");
        SettableClock clock = new SettableClock();
        clock.set(Instant.ofEpochMilli(T0 + 65 * M + 30_000));   // minute 64 has closed

        try (ConfigurableApplicationContext ctx = new Launcher(properties,
                Map.of("testClock", clock, "testSleeper", new RecordingSleeper())).start()) {
            ServiceRunner runner = ctx.getBean(ServiceRunner.class);
            runner.start(Role.ALL, List.of());
            await("the catch-up evaluated through minute 64", () -> lastEvaluated(cli), T0 + 64 * M);
            awaitIdle(ctx);

            for (int minute = 65; minute < 90; minute++) {
                // minute closes; its backfill fires 10 s later, as the schedule has it, and the evaluation follows
                clock.set(Instant.ofEpochMilli(T0 + (minute + 1) * M + 10_000));
                runner.fireNow(BACKFILL);
                int newest = minute;
                while (QUIET.contains(newest)) {
                    newest--;
                }
                long expected = T0 + newest * M;
                await("after minute " + minute + ": evaluated through minute " + newest, () -> lastEvaluated(cli),
                        expected);
                awaitIdle(ctx);
            }
            runner.stop();
        }

        // minutes 1 to 89 (the history of 65 minutes starts at the first whole minute in it), the quiet ones left out
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).as("no candle invented").isEqualTo(89 - QUIET.size());
        assertThat(cli.query("SELECT range_start, range_end FROM gap_asks WHERE confirmed_empty = 1 ORDER BY range_start"))
                .containsExactly(Map.of("range_start", T0 + 70 * M, "range_end", T0 + 73 * M),
                        Map.of("range_start", T0 + 80 * M, "range_end", T0 + 81 * M),
                        Map.of("range_start", T0 + 84 * M, "range_end", T0 + 85 * M));
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'")).isZero();
        // every candle from the first evaluated one on was evaluated once: the live trades are a replay's
        CliRun replay = new CliRun(dir);
        properties.forEach(replay::with);
        CliRun.Result r = replay.run("replay", "--strategy", "rsi-cb-1m", "--from", String.valueOf(T0 + 64 * M),
                "--to", String.valueOf(T0 + 90 * M));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String trades = "SELECT side, price, quantity, fee, candle_time, pnl FROM strategy_trades WHERE run_id = ? "
                + "ORDER BY candle_time, side";
        long replayed = cli.count("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.REPLAY_STRATEGY_JOB);
        List<Map<String, Object>> live = cli.query(trades, RunIds.LIVE);
        assertThat(live).hasSizeGreaterThan(2).isEqualTo(cli.query(trades, RunIds.replay(replayed)));
    }

    private static long lastEvaluated(CliRun cli) {
        return cli.count("SELECT COALESCE(MAX(CAST(p.PARAMETER_VALUE AS BIGINT)), 0) FROM BATCH_JOB_EXECUTION_PARAMS p "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
                + "WHERE p.PARAMETER_NAME = 'through' AND e.STATUS = 'COMPLETED'");
    }

    private static void await(String what, java.util.function.LongSupplier value, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (value.getAsLong() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + Instant.ofEpochMilli(expected) + ", was "
                        + Instant.ofEpochMilli(value.getAsLong()));
            }
            Thread.sleep(50);
        }
    }

    private static void awaitIdle(ConfigurableApplicationContext ctx) throws Exception {
        org.quartz.Scheduler scheduler = ctx.getBean(org.quartz.Scheduler.class);
        Thread.sleep(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
