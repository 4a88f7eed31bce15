package dev.tradingbatch.jobs.operations;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.DeadRuns;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code jobs list|show|restart|stop|abandon} on real job executions, and executions left by dead processes. */
class JobsCommandTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final Instant NOW = Instant.ofEpochMilli(T0 + 1500 * H + 30 * 60_000);
    static final String[] BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--from", "2024-01-01"};

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 1501);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void start() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Runs a backfill whose second page fails with 503: execution 1 FAILED with 1000 candles stored. */
    private void failedBackfill() {
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H)))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        assertThat(cli.run(BACKFILL).exitCode()).isEqualTo(1);
        binance.resetAll();
        binance.stubFor(FakeBinance.stub());
    }

    @Test
    void shouldListAndShowExecutionsWithTheirCountsAndExitMessage() {
        failedBackfill();

        CliRun.Result list = cli.run("jobs", "list");
        CliRun.Result failedOnly = cli.run("jobs", "list", "--status", "failed", "--job", "backfill");
        CliRun.Result completedOnly = cli.run("jobs", "list", "--status", "COMPLETED");
        CliRun.Result show = cli.run("jobs", "show", "1");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("ID     JOB                  STATUS     STARTED")
                .contains("1      backfillCandlesJob   FAILED")
                .contains("binance BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-03-03T12:00:00Z)  binance GET klines BTC/USDT 1h "
                        + "[2024-02-11T16:00:00Z, 2024-03-03T12:00:00Z): ");
        assertThat(failedOnly.out()).contains("1      backfillCandlesJob   FAILED");
        assertThat(completedOnly.out()).isEqualTo("no job executions match\n");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("execution 1 of backfillCandlesJob (instance 1)")
                .contains("  status:     FAILED (exit code FAILED)")
                .contains("    from=2024-01-01T00:00:00Z\n")
                .contains("    symbol=BTC/USDT\n")
                .contains("    backfillCandlesStep: FAILED, read 1000, written 1000, skipped 0, commits 1, rollbacks 1")
                .contains("  exit message: binance GET klines BTC/USDT 1h [2024-02-11T16:00:00Z, 2024-03-03T12:00:00Z): ");
    }

    @Test
    void shouldRestartAFailedExecutionAskingOnlyThePageThatFailed() {
        failedBackfill();
        binance.resetRequests();

        CliRun.Result restart = cli.run("jobs", "restart", "1");

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("restarted execution 1 of backfillCandlesJob as execution 2: COMPLETED")
                .contains("backfillCandlesStep: 2 pages fetched, 1500 stored, 0 already present, 0 rejected");
        binance.verify(1, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
        binance.verify(1, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES))
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H))));
        assertThat(cli.candles(BTC)).hasSize(1500);

        CliRun.Result completed = cli.run("jobs", "restart", "2");
        CliRun.Result older = cli.run("jobs", "restart", "1");
        assertThat(completed.exitCode()).isEqualTo(2);
        assertThat(completed.err()).isEqualTo(
                "error: execution 2 of backfillCandlesJob is COMPLETED: there is nothing to restart\n");
        assertThat(older.exitCode()).isEqualTo(2);
        assertThat(older.err()).isEqualTo(
                "error: execution 1 of backfillCandlesJob was already restarted as execution 2 (COMPLETED)\n");
    }

    @Test
    void shouldAbandonAFailedExecutionSoItIsNeverRestarted() {
        failedBackfill();

        CliRun.Result abandon = cli.run("jobs", "abandon", "1");
        CliRun.Result restart = cli.run("jobs", "restart", "1");
        CliRun.Result again = cli.run("jobs", "abandon", "1");

        assertThat(abandon.exitCode()).isZero();
        assertThat(abandon.out()).isEqualTo("abandoned execution 1 of backfillCandlesJob: it will not be restarted\n");
        assertThat(restart.exitCode()).isEqualTo(2);
        assertThat(restart.err()).isEqualTo("error: execution 1 of backfillCandlesJob was abandoned: it cannot be restarted\n");
        assertThat(again.err()).isEqualTo(
                "error: execution 1 of backfillCandlesJob is ABANDONED: only a FAILED, STOPPED or UNKNOWN execution can be abandoned\n");
        assertThat(cli.candles(BTC)).as("what was stored stays").hasSize(1000);
    }

    @Test
    void shouldRefuseUnknownIdsAndIllegalTransitions() {
        assertThat(cli.run(BACKFILL).exitCode()).isZero();

        assertBadInput(cli.run("jobs", "show", "99"), "error: no job execution 99 (see jobs list)");
        assertBadInput(cli.run("jobs", "restart", "99"), "error: no job execution 99 (see jobs list)");
        assertBadInput(cli.run("jobs", "stop", "99"), "error: no job execution 99 (see jobs list)");
        assertBadInput(cli.run("jobs", "abandon", "99"), "error: no job execution 99 (see jobs list)");
        assertBadInput(cli.run("jobs", "stop", "1"),
                "error: execution 1 of backfillCandlesJob is COMPLETED, not running: there is nothing to stop");
        assertBadInput(cli.run("jobs", "abandon", "1"),
                "error: execution 1 of backfillCandlesJob is COMPLETED: only a FAILED, STOPPED or UNKNOWN execution can be abandoned");
        assertBadInput(cli.run("jobs", "show", "one"),
                "error: Invalid value for positional parameter at index 0 (EXECUTION_ID): 'one' is not a long");
        assertBadInput(cli.run("jobs", "list", "--status", "DONE"), "error: unknown --status 'DONE' (expected one of "
                + "COMPLETED, FAILED, STARTED, STOPPING, STOPPED, ABANDONED)");
        assertBadInput(cli.run("jobs", "list", "--job", "trade"),
                "error: unknown --job 'trade' (known: backfillCandlesJob, driftJob, evaluateStrategyJob, fillGapsJob, optimizeStrategyJob, reconcileAccountJob, replayStrategyJob)");
        assertBadInput(cli.run("jobs", "list", "--limit", "0"), "error: --limit must be at least 1, got 0");
        assertBadInput(cli.run("jobs", "frobnicate"), "error: Unmatched argument at index 1: 'frobnicate'");
        assertBadInput(cli.run("jobs"), "error: jobs needs a subcommand: list, show, restart, stop or abandon");
    }

    @Test
    void shouldMarkAnExecutionWhoseProcessIsGoneFailedAndRestartIt() {
        failedBackfill();
        DeadRuns.plant(cli, 1);

        CliRun.Result list = cli.run("jobs", "list");

        assertThat(list.out()).contains("execution 1 of backfillCandlesJob was left STARTED: process ")
                .contains(" is gone: marked FAILED so it can be restarted (jobs restart 1)")
                .contains("1      backfillCandlesJob   FAILED");
        assertThat(cli.count("SELECT COUNT(*) FROM job_heartbeats")).isZero();

        CliRun.Result restart = cli.run("jobs", "restart", "1");
        assertThat(restart.exitCode()).as(restart.out()).isZero();
        assertThat(cli.candles(BTC)).hasSize(1500);
    }

    @Test
    void shouldRestartTheSameCommandWhenItsProcessWasKilled() {
        failedBackfill();
        DeadRuns.plant(cli, 1);

        CliRun.Result again = cli.run(BACKFILL);

        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("execution 1 was left STARTED: process ")
                .contains("2 pages fetched, 1500 stored, 0 already present, 0 rejected (COMPLETED, execution 2)");
        assertThat(cli.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .extracting(r -> r.get("STATUS")).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void shouldJudgeAnotherHostByItsHeartbeat() {
        failedBackfill();
        DeadRuns.leaveStarted(cli, 1, "another-host", 4242, System.currentTimeMillis());

        CliRun.Result alive = cli.run("jobs", "restart", "1");
        CliRun.Result stop = cli.run("jobs", "stop", "1");

        assertBadInput(alive, "error: execution 1 of backfillCandlesJob is running (STARTED): stop it first with jobs stop 1");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("asked execution 1 of backfillCandlesJob to stop");

        cli.update("UPDATE job_heartbeats SET beat_at = ? WHERE job_execution_id = 1", System.currentTimeMillis() - 120_000);
        CliRun.Result stale = cli.run("jobs", "show", "1");
        assertThat(stale.out()).contains("execution 1 of backfillCandlesJob was left STOPPING: process 4242 on another-host last reported at ")
                .contains("  status:     FAILED");
    }

    private static void assertBadInput(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
