package dev.tradingbatch.jobs.metrics;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.schedule.Role;
import dev.tradingbatch.jobs.schedule.ServiceRunner;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.RecordingSleeper;
import dev.tradingbatch.model.Timeframe;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service ({@code run}) with {@code management.server.port} set serves {@code /actuator/health} and
 * {@code /actuator/prometheus} over HTTP; the figures scraped are the database's: candles stored, gaps, a
 * strategy's trades (Query 2's count), pnl and position, job runs and failures. Without the port nothing listens.
 * The market clock is the test's; the service's Quartz runs for real.
 */
class MetricsIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final String STRATEGY = "rsi-bs-5m";

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 120).withhold(40, 43);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    final SettableClock clock = new SettableClock();

    private Map<String, Object> backfiller(CliRun cli) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", cli.url());
        p.put("trading.exchanges.binance.base-url", binance.baseUrl());
        p.put("trading.backfill.progress", "never");
        p.put("trading.markets[0].exchange", "binance");
        p.put("trading.markets[0].symbol", "BTC/USDT");
        p.put("trading.markets[0].timeframes[0]", "1h");
        p.put("trading.markets[0].history", "101h");
        // ETH/USDT: the symbol check passes, every page of candles fails (stubbed in start): its backfill fails
        p.put("trading.markets[1].exchange", "binance");
        p.put("trading.markets[1].symbol", "ETH/USDT");
        p.put("trading.markets[1].timeframes[0]", "1h");
        p.put("trading.markets[1].history", "101h");
        p.put("management.server.port", "0");
        return p;
    }

    private ConfigurableApplicationContext start(Map<String, Object> properties, Role role, List<String> strategies)
            throws Exception {
        binance.stubFor(FakeBinance.stub());
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).withQueryParam("symbol", equalTo("ETHUSDT"))
                .withQueryParam("startTime", matching(".+")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":-1000,\"msg\":\"internal error\"}")));
        ConfigurableApplicationContext ctx = new Launcher(properties, Map.of("testClock", clock,
                "testSleeper", new RecordingSleeper())).withManagementServer().start();
        ctx.getBean(ServiceRunner.class).start(role, strategies);
        return ctx;
    }

    private static int managementPort(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.management.port"));
    }

    @Test
    void shouldServeTheFiguresOfEachSeriesAndEachJobOfABackfiller() throws Exception {
        CliRun cli = new CliRun(dir);
        clock.set(Instant.ofEpochMilli(T0 + 100 * H + 30 * 60_000));   // hour 99 closed 30 min ago
        try (ConfigurableApplicationContext ctx = start(backfiller(cli), Role.BACKFILLER, List.of())) {
            await("binance candles stored", () -> cli.count("SELECT COUNT(*) FROM ohlcv_data"), 97);
            await("ETH/USDT backfill failed", () -> executions(cli, JobNames.BACKFILL_CANDLES_JOB, "FAILED"), 1);
            awaitIdle(ctx);
            assertThat(ctx).as("no server of the application's own").isInstanceOf(WebServerApplicationContext.class);
            assertThat(((WebServerApplicationContext) ctx).getWebServer().getPort()).isEqualTo(-1);
            assertThat(ctx.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class))
                    .as("Spring Security, on the class path for the dashboard's actions, stays out: no login here")
                    .isEmpty();

            Scrape health = Scrape.get(managementPort(ctx), "/actuator/health");
            Scrape metrics = Scrape.get(managementPort(ctx), "/actuator/prometheus");
            ctx.getBean(ServiceRunner.class).stop();

            assertThat(health.status()).as("a failed backfill makes the service unhealthy, as health says").isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"")
                    .contains("backfill binance ETH/USDT 1h: last run (execution 2) is FAILED: binance GET klines ETH/USDT");
            assertThat(metrics.status()).isEqualTo(200);
            String[] btc = {"exchange", "binance", "symbol", "BTC/USDT", "timeframe", "1h"};
            assertThat(metrics.value("trading_candles_stored", btc)).isEqualTo(97)
                    .isEqualTo(cli.count("SELECT COUNT(*) FROM ohlcv_data WHERE exchange = 'binance' AND symbol = 'BTC/USDT'"
                            + " AND timeframe = '1h'"));
            assertThat(metrics.value("trading_candles_newest_age_seconds", btc)).isEqualTo(1800);
            assertThat(metrics.value("trading_gaps_open", btc)).as("hours 40 to 42 withheld").isEqualTo(1);
            assertThat(metrics.value("trading_gaps_confirmed_empty", btc)).isZero();
            String[] eth = {"exchange", "binance", "symbol", "ETH/USDT", "timeframe", "1h"};
            assertThat(metrics.value("trading_candles_stored", eth)).isZero();
            assertThat(metrics.value("trading_candles_newest_age_seconds", eth)).isNaN();

            String job = "trading_job_duration_seconds_count";
            assertThat(metrics.value(job, "job_name", JobNames.BACKFILL_CANDLES_JOB, "status", "FAILED"))
                    .isEqualTo(1).isEqualTo(executions(cli, JobNames.BACKFILL_CANDLES_JOB, "FAILED"));
            assertThat(metrics.value(job, "job_name", JobNames.BACKFILL_CANDLES_JOB, "status", "COMPLETED"))
                    .isEqualTo(1).isEqualTo(executions(cli, JobNames.BACKFILL_CANDLES_JOB, "COMPLETED"));
            // every klines request WireMock answered, counted where the readers send them (market rules are not)
            long klines = binance.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().startsWith(FakeBinance.KLINES)).count();
            assertThat(metrics.value("trading_exchange_requests_total", "exchange", "binance")).isEqualTo(klines);
            assertThat(metrics.value("trading_exchange_retries_total", "exchange", "binance"))
                    .as("ETH/USDT's page, sent 5 times").isEqualTo(4);
            assertThat(metrics.value("trading_exchange_throttled_total", "exchange", "binance")).isZero();
            // what the last minute's requests left of Binance's 6000 weight a minute (2 a klines request)
            assertThat(metrics.value("trading_exchange_budget_left", "exchange", "binance"))
                    .isBetween(6000.0 - 2 * klines, 6000.0);
            assertThat(metrics.samples()).as("a backfiller evaluates nothing")
                    .noneMatch(s -> s.name().startsWith("trading_strategy_"));
        }
    }

    @Test
    void shouldServeTheLiveFiguresOfATradersStrategy() throws Exception {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        BitstampSample.declare(cli, STRATEGY, "rsi", Map.of());
        // the strategy's first evaluation (its newest candle only), then the trader catches up on a day and a half
        assertThat(cli.clock(Clock.fixed(Instant.parse("2013-11-26T02:00:01Z"), ZoneOffset.UTC))
                .run("evaluate", "--strategy", STRATEGY).exitCode()).isZero();
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", cli.url());
        p.put("management.server.port", "0");
        String key = "trading.strategies." + STRATEGY + ".";
        p.put(key + "exchange", "bitstamp");
        p.put(key + "symbol", "BTC/USD");
        p.put(key + "timeframe", "5m");
        p.put(key + "type", "rsi");
        p.put(key + "stake", BitstampSample.STAKE.toPlainString());
        p.put(key + "fee-rate", BitstampSample.FEE_RATE.toPlainString());
        p.put(key + "slippage-bps", BitstampSample.SLIPPAGE_BPS.toPlainString());
        clock.set(Instant.parse("2013-11-27T12:00:01Z"));   // the candle of 11:55 closed a second ago
        long through = Instant.parse("2013-11-27T11:55:00Z").toEpochMilli();
        try (ConfigurableApplicationContext ctx = start(p, Role.TRADER, List.of(STRATEGY))) {
            await("evaluated", () -> cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE "
                    + "PARAMETER_NAME = 'through' AND PARAMETER_VALUE = ?", String.valueOf(through)), 1);
            await("evaluations completed", () -> executions(cli, JobNames.EVALUATE_STRATEGY_JOB, "COMPLETED"), 2);
            awaitIdle(ctx);
            // the trader's drift job, fired now as its trigger fires every trading.drift.interval
            ctx.getBean(ServiceRunner.class).fireNow("drift");
            await("drift computed", () -> executions(cli, JobNames.DRIFT_JOB, "COMPLETED"), 1);
            awaitIdle(ctx);
            Scrape health = Scrape.get(managementPort(ctx), "/actuator/health");
            Scrape metrics = Scrape.get(managementPort(ctx), "/actuator/prometheus");
            ctx.getBean(ServiceRunner.class).stop();
            assertThat(cli.run("halt", "--strategy", STRATEGY, "--reason", "checking the metric").exitCode()).isZero();
            Thread.sleep(FleetGauges.FRESH.toMillis() + 100);   // the figures a scrape reads are kept that long
            Scrape halted = Scrape.get(managementPort(ctx), "/actuator/prometheus");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"schedule\":{\"status\":\"UP\"}")
                    .endsWith("\"status\":\"UP\"}");
            String[] s = {"strategy", STRATEGY};
            long trades = cli.count("SELECT COUNT(*) FROM trades WHERE strategy_id = ?", STRATEGY);   // Query 2's
            assertThat(trades).as("the sample trades in that day and a half").isPositive();
            assertThat(metrics.value("trading_strategy_trades", s)).isEqualTo(trades);
            BigDecimal realised = sum(cli, "SELECT pnl FROM strategy_trades WHERE strategy_id = ? AND run_id = 'live'"
                    + " AND pnl IS NOT NULL");
            assertThat(metrics.value("trading_strategy_realised_pnl", s)).isEqualTo(realised.doubleValue());
            List<Map<String, Object>> last = cli.query("SELECT side, price, quantity, fee FROM strategy_trades "
                    + "WHERE strategy_id = ? AND run_id = 'live' ORDER BY candle_time DESC, id DESC LIMIT 1", STRATEGY);
            BigDecimal equity = BitstampSample.STAKE.add(realised);
            BigDecimal position = BigDecimal.ZERO;
            if ("buy".equals(last.getFirst().get("side"))) {
                // valued at the newest stored close, as report does
                BigDecimal close = cli.candles(BitstampSample.MARKET).getLast().close();
                position = decimal(last.getFirst().get("quantity"));
                equity = equity.add(close.subtract(decimal(last.getFirst().get("price"))).multiply(position))
                        .subtract(decimal(last.getFirst().get("fee")));
            }
            assertThat(metrics.value("trading_strategy_position", s)).isEqualTo(position.doubleValue());
            assertThat(metrics.value("trading_strategy_equity", s)).isEqualTo(equity.doubleValue());
            assertThat(metrics.value("trading_strategy_max_drawdown", s)).isNotNegative();
            assertThat(metrics.value("trading_strategy_last_evaluation_age_seconds", s)).isEqualTo(1);
            assertThat(metrics.value("trading_strategy_halted", s)).isZero();
            String score = cli.queryForObject("SELECT score FROM drift_scores WHERE strategy_id = ?", String.class,
                    STRATEGY);
            assertThat(metrics.value("trading_strategy_drift_score", s)).as("the score driftJob stored")
                    .isEqualTo(Double.parseDouble(score));
            assertThat(cli.run("drift", "--strategy", STRATEGY).out()).as("as drift prints it")
                    .contains("  drift score        " + score + " % (");
            assertThat(metrics.value("trading_strategy_drift_age_seconds", s)).as("computed at the market clock's now")
                    .isZero();
            assertThat(metrics.value("trading_strategy_fill_slippage_bps", s)).as("a paper strategy").isNaN();
            assertThat(halted.value("trading_strategy_halted", s)).as("halted by another process").isEqualTo(1);
            assertThat(metrics.value("trading_job_duration_seconds_count", "job_name", JobNames.EVALUATE_STRATEGY_JOB,
                    "status", "COMPLETED")).as("this process ran one evaluation; the command before it another")
                    .isEqualTo(1);
            assertThat(metrics.samples()).as("a trader keeps no series")
                    .noneMatch(x -> x.name().startsWith("trading_candles_"));
        }
    }

    @Test
    void shouldListenOnNothingWithoutAManagementPortNorForOtherCommands() throws Exception {
        CliRun cli = new CliRun(dir);
        Map<String, Object> p = backfiller(cli);
        p.remove("management.server.port");
        try (ConfigurableApplicationContext ctx = new Launcher(p, Map.of("testClock", clock)).withManagementServer()
                .start()) {
            assertThat(ctx).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(ctx.getEnvironment().getProperty("local.management.port")).isNull();
        }
        // a command other than run, with the port set: no server either
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        p.put("management.server.port", String.valueOf(port));
        try (ConfigurableApplicationContext ctx = new Launcher(p, Map.of("testClock", clock)).start()) {
            assertThat(ctx).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(ctx.getBeanNamesForType(MeterRegistry.class)).as("no metrics either").isEmpty();
            assertThatThrownBy(() -> Scrape.get(port, "/actuator/health")).isInstanceOf(ConnectException.class);
        }
    }

    private static long executions(CliRun cli, String job, String status) {
        return cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS = ?", job, status);
    }

    private static BigDecimal sum(CliRun cli, String sql) {
        return cli.query(sql, STRATEGY).stream().map(r -> decimal(r.get("pnl"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal decimal(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    private static void await(String what, LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (value.getAsLong() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + ", was " + value.getAsLong());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the service's scheduler runs no job (at most a minute). */
    static void awaitIdle(ConfigurableApplicationContext ctx) throws Exception {
        org.quartz.Scheduler scheduler = ctx.getBean(org.quartz.Scheduler.class);
        Thread.sleep(300);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
