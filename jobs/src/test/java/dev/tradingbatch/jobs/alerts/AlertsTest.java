package dev.tradingbatch.jobs.alerts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts against local stand-ins for a webhook and Telegram's Bot API, on the sample's candles stored as binance
 * BTC/USD 5m: a live trade, a halt and the series gone stale are each sent once to each channel, however many
 * scans and processes find them; the bot token goes only into the request's path.
 */
class AlertsTest {

    static final String TOKEN = "123456:SECRET-bot-token";
    static final String HOOK = "/hooks/T000/B000";
    static final String TELEGRAM = "/bot" + TOKEN + "/sendMessage";

    @TempDir
    Path dir;
    CliRun cli;
    WireMockServer standIn;
    SettableClock clock;
    long lastCandle;

    @BeforeEach
    void setUp() throws Exception {
        standIn = new WireMockServer(options().dynamicPort());
        standIn.start();
        standIn.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        standIn.stubFor(post(urlPathEqualTo(TELEGRAM)).willReturn(aResponse().withStatus(200)
                .withBody("{\"ok\":true,\"result\":{\"message_id\":1}}")));
        Path token = Files.writeString(dir.resolve("bot-token"), TOKEN + "\n");
        cli = new CliRun(dir);
        assertThat(cli.run("backfill", "--exchange", "file", "--file", BitstampSample.FILE.toString(), "--as",
                "binance", "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
        lastCandle = cli.queryForObject("SELECT MAX(open_time) FROM candles", Long.class);
        // an hour after the newest candle: 11 closed candles missing after it
        clock = new SettableClock();
        clock.set(Instant.ofEpochMilli(lastCandle + 3_600_000));
        cli.clock(clock)
                .with("trading.markets[0].exchange", "binance").with("trading.markets[0].symbol", "BTC/USD")
                .with("trading.markets[0].timeframes[0]", "5m")
                .with("trading.strategies.rsi-5m.exchange", "binance").with("trading.strategies.rsi-5m.symbol", "BTC/USD")
                .with("trading.strategies.rsi-5m.timeframe", "5m").with("trading.strategies.rsi-5m.type", "rsi")
                .with("trading.strategies.rsi-5m.stake", "1000")
                .with("trading.alerts.webhook.url", standIn.baseUrl() + HOOK)
                .with("trading.alerts.telegram.chat-id", "-100200300")
                .with("trading.alerts.telegram.bot-token-file", token.toString())
                .with("trading.alerts.telegram.base-url", standIn.baseUrl());
    }

    @AfterEach
    void stop() {
        standIn.stop();
    }

    /** A live trade of rsi-5m ten minutes ago, as an evaluation stores it. */
    private void liveTrade() {
        long now = clock.millis();
        cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, created_at, updated_at)"
                + " VALUES ('rsi-5m', 'rsi', 'binance', 'BTC/USD', '5m', ?, ?) ON CONFLICT DO NOTHING", now, now);
        cli.update("INSERT INTO strategy_trades (strategy_id, run_id, symbol, side, price, quantity, fee, candle_time,"
                + " executed_at) VALUES ('rsi-5m', 'live', 'BTC/USD', 'buy', '1210.5', '0.8', '0.97', ?, ?)",
                lastCandle, now - 600_000);
    }

    @Test
    void shouldSendEachEventOnceToEachChannelAcrossScansAndProcesses() {
        liveTrade();
        CliRun.Result halt = cli.run("halt", "--strategy", "rsi-5m", "--reason", "checking fills");
        assertThat(halt.exitCode()).as(halt.err()).isZero();

        CliRun.Result first = cli.run("alerts", "--send");
        CliRun.Result second = cli.run("alerts", "--send");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        try (ConfigurableApplicationContext a = cli.start(); ConfigurableApplicationContext b = cli.start()) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
            logged.start();
            AlertService.Outcome inA = a.getBean(AlertService.class).scanAndSend();
            AlertService.Outcome inB = b.getBean(AlertService.class).scanAndSend();
            assertThat(inA).isEqualTo(new AlertService.Outcome(0, 0, 0, List.of()));
            assertThat(inB).isEqualTo(new AlertService.Outcome(0, 0, 0, List.of()));
        }

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("alerts: 6 recorded, 6 sent, 0 not sent\n");
        assertThat(second.out()).startsWith("alerts: 0 recorded, 0 sent, 0 not sent\n")
                .contains("halted  telegram  sent " + clock.instant() + "  rsi-5m\n"
                        + "    rsi-5m halted since " + clock.instant() + " (reason: checking fills); nothing is evaluated."
                        + " When it is safe: resume --strategy rsi-5m\n");
        List<LoggedRequest> hooks = standIn.findAll(postRequestedFor(urlPathEqualTo(HOOK)));
        List<LoggedRequest> telegrams = standIn.findAll(postRequestedFor(urlPathEqualTo(TELEGRAM)));
        assertThat(hooks).extracting(LoggedRequest::getBodyAsString).containsExactlyInAnyOrder(
                "{\"text\":\"rsi-5m: buy 0.8 BTC/USD at 1210.5 on the candle of " + Instant.ofEpochMilli(lastCandle)
                        + ". To stop it trading: halt --strategy rsi-5m\",\"event\":\"trade\",\"subject\":\"rsi-5m\","
                        + "\"key\":\"trade:rsi-5m:" + lastCandle + ":buy\",\"created_at\":\"" + clock.instant() + "\"}",
                "{\"text\":\"rsi-5m halted since " + clock.instant() + " (reason: checking fills); nothing is evaluated."
                        + " When it is safe: resume --strategy rsi-5m\",\"event\":\"halted\",\"subject\":\"rsi-5m\","
                        + "\"key\":\"halted:rsi-5m:" + clock.millis() + "\",\"created_at\":\"" + clock.instant() + "\"}",
                "{\"text\":\"binance BTC/USD 5m: newest candle " + Instant.ofEpochMilli(lastCandle) + ", 11 closed"
                        + " candles missing after it (stale after 3). Check the backfiller's log, then: backfill"
                        + " --exchange binance --symbol BTC/USD --timeframe 5m --fill-gaps\",\"event\":\"stale\","
                        + "\"subject\":\"binance BTC/USD 5m\",\"key\":\"stale:binance BTC/USD 5m:" + lastCandle
                        + "\",\"created_at\":\"" + clock.instant() + "\"}");
        assertThat(hooks).allSatisfy(r -> assertThat(r.getHeader("Content-Type")).startsWith("application/json"));
        assertThat(telegrams).hasSize(3).extracting(LoggedRequest::getBodyAsString)
                .allSatisfy(body -> assertThat(body).startsWith("{\"chat_id\":\"-100200300\",\"text\":\""))
                .anySatisfy(body -> assertThat(body).contains("--fill-gaps"));

        // the token: in the path of the requests to the bot API, and nowhere else
        assertThat(standIn.findAll(anyRequestedFor(anyUrl()))).hasSize(6)
                .allSatisfy(r -> assertThat(r.getBodyAsString() + r.getHeaders()).doesNotContain(TOKEN));
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(TOKEN);
        assertThat(cli.query("SELECT * FROM alert_events").toString()).doesNotContain(TOKEN).doesNotContain("SECRET");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(TOKEN));
        assertThat(cli.query("SELECT channel, kind, attempts, sent_at FROM alert_events ORDER BY alert_id"))
                .hasSize(6).allSatisfy(row -> {
                    assertThat(row.get("attempts")).isEqualTo(1);
                    assertThat(((Number) row.get("sent_at")).longValue()).isEqualTo(clock.millis());
                });
    }

    @Test
    void shouldRetryAFailingChannelWithBackoffUntilItTakesTheAlert() {
        cli.with("trading.alerts.webhook.events", "halted").with("trading.alerts.telegram.chat-id", "");
        standIn.stubFor(post(urlPathEqualTo(HOOK)).inScenario("down").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("still down"));
        standIn.stubFor(post(urlPathEqualTo(HOOK)).inScenario("down").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("up"));
        standIn.stubFor(post(urlPathEqualTo(HOOK)).inScenario("down").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        assertThat(cli.run("halt", "--all").exitCode()).isZero();
        long t0 = clock.millis();

        try (ConfigurableApplicationContext app = cli.start()) {
            AlertService alerts = app.getBean(AlertService.class);
            AlertService.Outcome firstTry = alerts.scanAndSend();
            clock.set(clock.instant().plusSeconds(29));
            AlertService.Outcome tooEarly = alerts.scanAndSend();
            Map<String, Object> afterOne = row();
            clock.set(clock.instant().plusSeconds(1));
            AlertService.Outcome secondTry = alerts.scanAndSend();
            Map<String, Object> afterTwo = row();
            clock.set(clock.instant().plusSeconds(60));
            AlertService.Outcome thirdTry = alerts.scanAndSend();

            assertThat(firstTry).isEqualTo(new AlertService.Outcome(1, 0, 1, List.of("webhook halted:*:" + t0
                    + ": webhook " + standIn.baseUrl() + " answered HTTP 503: busy")));
            assertThat(tooEarly).isEqualTo(new AlertService.Outcome(0, 0, 0, List.of()));
            assertThat(afterOne).containsEntry("attempts", 1).containsEntry("next_attempt_at", t0 + 30_000)
                    .containsEntry("last_error", "webhook " + standIn.baseUrl() + " answered HTTP 503: busy");
            assertThat(secondTry.failed()).isEqualTo(1);
            assertThat(afterTwo).containsEntry("attempts", 2).containsEntry("next_attempt_at", t0 + 30_000 + 60_000);
            assertThat(thirdTry).isEqualTo(new AlertService.Outcome(0, 1, 0, List.of()));
        }
        assertThat(row()).containsEntry("attempts", 3).containsEntry("last_error", null);
        assertThat(((Number) row().get("sent_at")).longValue()).isEqualTo(t0 + 90_000);
        assertThat(standIn.findAll(postRequestedFor(urlPathEqualTo(HOOK)))).hasSize(3)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("every strategy halted since")
                        .contains("When it is safe: resume --all"));
    }

    @Test
    void shouldGiveAnAlertUpAfterMaxAttemptsAndNeverTryItAgain() {
        cli.with("trading.alerts.webhook.events", "halted").with("trading.alerts.telegram.chat-id", "")
                .with("trading.alerts.max-attempts", "2");
        standIn.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(503).withBody("busy")));
        assertThat(cli.run("halt", "--all").exitCode()).isZero();
        long t0 = clock.millis();

        try (ConfigurableApplicationContext app = cli.start()) {
            AlertService alerts = app.getBean(AlertService.class);
            alerts.scanAndSend();
            clock.set(clock.instant().plusSeconds(30));
            AlertService.Outcome last = alerts.scanAndSend();
            clock.set(clock.instant().plusSeconds(3600));
            AlertService.Outcome after = alerts.scanAndSend();

            assertThat(last.failed()).isEqualTo(1);
            assertThat(after).as("given up: nothing due, nothing recorded again")
                    .isEqualTo(new AlertService.Outcome(0, 0, 0, List.of()));
        }
        String error = "webhook " + standIn.baseUrl() + " answered HTTP 503: busy";
        assertThat(cli.query("SELECT attempts, given_up_at, sent_at, last_error FROM alert_events")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("attempts", 2).containsEntry("given_up_at", t0 + 30_000)
                        .containsEntry("last_error", error).containsEntry("sent_at", null));
        assertThat(standIn.findAll(postRequestedFor(urlPathEqualTo(HOOK)))).hasSize(2);
        assertThat(cli.run("alerts").out()).contains("halted  webhook  given up " + Instant.ofEpochMilli(t0 + 30_000)
                + " after 2 attempts, last error: " + error + "  every strategy");
        CliRun.Result bad = cli.with("trading.alerts.max-attempts", "0").run("alerts");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("trading.alerts.max-attempts must be at least 1, was 0");
    }

    @Test
    void shouldKeepTheSchedulerAndJobsRunningWhenAChannelIsDown() {
        cli.with("trading.alerts.webhook.events", "halted").with("trading.alerts.telegram.chat-id", "");
        String down = standIn.baseUrl();
        standIn.stop();   // nothing listens there any more
        assertThat(cli.run("halt", "--all", "--reason", "maintenance").exitCode()).isZero();

        long t0 = clock.millis();
        try (ConfigurableApplicationContext service = cli.start()) {
            // what run fires every trading.alerts.interval: logged, never thrown
            service.getBean(dev.tradingbatch.jobs.schedule.ScheduledWork.class).alerts();
        }
        Map<String, Object> afterScheduled = row();
        clock.set(clock.instant().plusSeconds(30));
        CliRun.Result send = cli.run("alerts", "--send");
        CliRun.Result backfill = cli.run("backfill", "--exchange", "file", "--file", BitstampSample.FILE.toString(),
                "--as", "binance", "--symbol", "BTC/USD", "--timeframe", "5m");

        String error = "webhook " + down + ": ConnectException";
        assertThat(afterScheduled).containsEntry("attempts", 1).containsEntry("sent_at", null)
                .containsEntry("last_error", error).containsEntry("next_attempt_at", t0 + 30_000);
        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.out()).startsWith("alerts: 0 recorded, 0 sent, 1 not sent\n"
                        + "  not sent: webhook halted:*:" + t0 + ": " + error + "\n")
                .contains("halted  webhook  pending (2 attempts, next " + Instant.ofEpochMilli(t0 + 90_000)
                        + ", last error: " + error + ")  every strategy\n"
                        + "    every strategy halted since " + Instant.ofEpochMilli(t0) + " (reason: maintenance);"
                        + " nothing is evaluated. When it is safe: resume --all\n");
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    }

    @Test
    void shouldAlertAFailedJobWithTheCommandThatContinuesIt() {
        cli.with("trading.alerts.webhook.events", "job-failed").with("trading.alerts.telegram.chat-id", "");
        // the sample's backfill (execution 1) left STARTED by a process that died: marked FAILED when next seen
        dev.tradingbatch.jobs.support.DeadRuns.plant(cli, 1);
        CliRun.Result failed = cli.run("jobs", "list");
        long execution = 1;
        CliRun.Result send = cli.run("alerts", "--send");

        assertThat(failed.out()).contains("1      backfillCandlesJob   FAILED");
        assertThat(send.out()).as(send.err()).startsWith("alerts: 1 recorded, 1 sent, 0 not sent\n");
        assertThat(standIn.findAll(postRequestedFor(urlPathEqualTo(HOOK)))).singleElement()
                .extracting(LoggedRequest::getBodyAsString).asString()
                .contains("\"event\":\"job-failed\"", "backfillCandlesJob", ": execution " + execution + " FAILED: ",
                        "Once the cause is fixed, continue it: jobs restart " + execution
                                + " (details: jobs show " + execution + ")");
    }

    @Test
    void shouldTakeTheBotTokenFromItsEnvironmentVariableAndRefuseATelegramWithoutOne() {
        cli.with("trading.alerts.webhook.url", "").with("trading.alerts.telegram.events", "halted")
                .with("trading.alerts.telegram.bot-token-file", "").with("trading.alerts.telegram.bot-token-env", "TG_TOKEN")
                .bean("environmentVariables", (dev.tradingbatch.jobs.live.EnvironmentVariables)
                        name -> java.util.Optional.ofNullable(name.equals("TG_TOKEN") ? TOKEN : null));
        assertThat(cli.run("halt", "--all").exitCode()).isZero();

        CliRun.Result send = cli.run("alerts", "--send");
        CliRun.Result noToken = cli.with("trading.alerts.telegram.bot-token-env", "").run("alerts");

        assertThat(send.out()).startsWith("alerts: 1 recorded, 1 sent, 0 not sent\n");
        assertThat(standIn.findAll(postRequestedFor(urlPathEqualTo(TELEGRAM)))).singleElement()
                .extracting(LoggedRequest::getBodyAsString).asString().contains("every strategy halted since");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).isEqualTo("error: trading.alerts.telegram: give one of bot-token-env (an environment"
                + " variable) or bot-token-file (a file) for the bot's token; it is never taken from the configuration\n");
    }

    @Test
    void shouldScheduleAlertsInEveryRoleOnlyWhenAChannelIsConfigured() {
        CliRun.Result backfiller = cli.run("schedule", "--role", "backfiller");
        CliRun.Result trader = cli.with("trading.alerts.interval", "5m").run("schedule", "--role", "trader");
        CliRun.Result off = cli.with("trading.alerts.webhook.url", "").with("trading.alerts.telegram.chat-id", "")
                .run("schedule", "--role", "all");

        assertThat(backfiller.exitCode()).as(backfiller.err()).isZero();
        assertThat(backfiller.out().lines().filter(l -> l.startsWith("alerts "))).singleElement().asString()
                .contains("at start, every 1m", clock.instant().plusSeconds(60).toString());
        assertThat(trader.out().lines().filter(l -> l.startsWith("alerts "))).singleElement().asString()
                .contains("at start, every 5m");
        assertThat(off.out()).doesNotContain("alerts ");
    }

    /** A drift score as driftJob stores it, computed now: 4 only live and 6 only replay beside 1 matched. */
    private void driftScore(String id, String score, long newestUnmatched, int onlyLive) {
        long now = clock.millis();
        cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, created_at, updated_at)"
                + " VALUES (?, 'rsi', 'binance', 'BTC/USD', '5m', ?, ?) ON CONFLICT DO NOTHING", id, now, now);
        cli.update("DELETE FROM drift_scores WHERE strategy_id = ?", id);
        cli.update("INSERT INTO drift_scores (strategy_id, computed_at, window_from, window_to, score, matched, only_live,"
                + " only_replay, missed, other_declaration, different_signal, price_diff_bps, fill_slippage_bps,"
                + " newest_unmatched, job_execution_id) VALUES (?, ?, ?, ?, ?, 1, ?, 6, 1, ?, 1, '0.00', NULL, ?, 1)",
                id, now, lastCandle - 1000 * 300_000L, lastCandle + 300_000, score, onlyLive, onlyLive + 4,
                newestUnmatched);
    }

    @Test
    void shouldAlertADriftOverTheThresholdOncePerDriftFoundNotPerComputation() {
        cli.with("trading.alerts.webhook.events", "drift").with("trading.alerts.telegram.chat-id", "");
        long newest = lastCandle - 50 * 300_000L;
        driftScore("rsi-5m", "83.33", newest, 4);
        driftScore("calm-5m", "10.00", newest, 4);   // not over the default threshold, 10 %

        CliRun.Result first = cli.run("alerts", "--send");
        clock.set(clock.instant().plusSeconds(3600));
        driftScore("rsi-5m", "83.33", newest, 4);   // the next hourly computation finds the same trades
        CliRun.Result sameDrift = cli.run("alerts", "--send");
        clock.set(clock.instant().plusSeconds(3600));
        driftScore("rsi-5m", "84.62", lastCandle, 5);   // a new trade only live
        CliRun.Result newDrift = cli.run("alerts", "--send");
        CliRun.Result lower = cli.with("trading.alerts.drift-threshold", "5").run("alerts", "--send");
        CliRun.Result bad = cli.with("trading.alerts.drift-threshold", "100").run("alerts");

        assertThat(first.out()).as(first.err()).startsWith("alerts: 1 recorded, 1 sent, 0 not sent\n");
        assertThat(sameDrift.out()).startsWith("alerts: 0 recorded, 0 sent, 0 not sent\n");
        assertThat(newDrift.out()).startsWith("alerts: 1 recorded, 1 sent, 0 not sent\n");
        assertThat(lower.out()).as("calm-5m is over 5 %").startsWith("alerts: 1 recorded, 1 sent, 0 not sent\n");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: trading.alerts.drift-threshold is a percent from 0 to under 100, was"
                + " 100\n");
        List<String> bodies = standIn.findAll(postRequestedFor(urlPathEqualTo(HOOK))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.getFirst()).isEqualTo("{\"text\":\"rsi-5m: drift detected, score 83.33 % (over 10 %): its live"
                + " trades from " + Instant.ofEpochMilli(lastCandle - 1000 * 300_000L) + " to "
                + Instant.ofEpochMilli(lastCandle + 300_000) + " against a replay of it as declared now, 1 matched,"
                + " 4 only live, 6 only replay (1 on candles not evaluated live, 8 under a declaration changed since,"
                + " 1 other). See which trades differ and why: drift --strategy rsi-5m\",\"event\":\"drift\","
                + "\"subject\":\"rsi-5m\",\"key\":\"drift:rsi-5m:" + newest + ":4:6\",\"created_at\":\""
                + Instant.ofEpochMilli(clock.millis() - 7_200_000) + "\"}");
        assertThat(bodies.get(1)).contains("rsi-5m: drift detected, score 84.62 % (over 10 %)", "5 only live",
                "\"key\":\"drift:rsi-5m:" + lastCandle + ":5:6\"");
        assertThat(bodies.get(2)).contains("calm-5m: drift detected, score 10.00 % (over 5 %)",
                "drift --strategy calm-5m");
    }

    private Map<String, Object> row() {
        List<Map<String, Object>> rows = cli.query("SELECT attempts, next_attempt_at, last_error, sent_at FROM alert_events");
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
