package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.JobTests;
import dev.tradingbatch.jobs.support.JobTests.Counts;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcileAccountJob} launched on its own with the parameters {@link ReconcileService} gives it, against
 * {@link BinanceSpotStandIn}: its one step counts the trades it settled as written, in one commit; a shortfall under
 * {@code on-mismatch: halt} writes the halt; an exchange that does not answer rolls the step back and writes nothing.
 */
class ReconcileAccountJobTest {

    @TempDir
    Path dir;
    CliRun cli;
    BinanceSpotStandIn binance;

    @BeforeEach
    void start() {
        binance = LiveAccountFixture.binance();
        cli = LiveAccountFixture.cli(dir, binance);
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    /** A reconciliation of account {@code main}: each start its own run. */
    private static JobParameters main(long started) {
        return new JobParametersBuilder().addString("account", "main").addLong("started", started).toJobParameters();
    }

    private JobExecution reconcile(long started) throws Exception {
        try (ConfigurableApplicationContext app = cli.start()) {
            return JobTests.launcher(app, JobNames.RECONCILE_ACCOUNT_JOB).startJob(main(started));
        }
    }

    @Test
    void shouldSettleTheOrderFilledWhileNoProcessRecordedItsAnswerAndCountItsTradeAsWritten() throws Exception {
        String id = LiveAccountFixture.buySentAndAnswerLost(cli, binance);

        JobExecution first = reconcile(1);
        JobExecution again = reconcile(2);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(JobTests.stepNames(first)).containsExactly(JobNames.RECONCILE_ACCOUNT_STEP);
        StepExecution step = JobTests.step(first, JobNames.RECONCILE_ACCOUNT_STEP);
        assertThat(Counts.of(step)).as("orders are asked for by the tasklet, its settled trade counted as written")
                .isEqualTo(new Counts(0, 1, 0, 0, 1, 0));
        assertThat(step.getExitStatus().getExitDescription()).isEqualTo("1 orders found, 1 trade from the exchange's"
                + " fills, the balances cover the ledgers");
        assertThat(first.getExecutionContext().getInt(ReconcileAccountTasklet.SHORTFALLS)).isZero();
        assertThat(ReconcileAccountTasklet.lines(first.getExecutionContext()))
                .containsExactly("settled btc-live: buy 0.0024975 at 40000",
                        "BTC: the exchange holds 0.0024975, the ledgers 0.0024975: ok");
        assertThat(cli.query("SELECT status, exchange_status FROM live_orders WHERE client_order_id = ?", id))
                .singleElement().satisfies(o -> assertThat(o).containsEntry("status", "accepted")
                        .containsEntry("exchange_status", "FILLED"));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills WHERE client_order_id = ?", id)).isEqualTo(2);
        assertThat(cli.query("SELECT side, quantity FROM strategy_trades WHERE strategy_id = 'btc-live'"
                + " AND run_id = 'live'")).singleElement().satisfies(t -> {
                    assertThat(t).containsEntry("side", "buy");
                    assertThat(new BigDecimal((String) t.get("quantity"))).isEqualByComparingTo(binance.free("BTC"));
                });

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Counts.of(JobTests.step(again, JobNames.RECONCILE_ACCOUNT_STEP))).as("nothing left to settle")
                .isEqualTo(new Counts(0, 0, 0, 0, 1, 0));
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isEqualTo(2);
    }

    @Test
    void shouldWriteTheHaltOfTheAccountsStrategyOnAShortfallWhenAskedTo() throws Exception {
        cli.with("trading.accounts.main.on-mismatch", "halt");
        LiveAccountFixture.buySentAndAnswerLost(cli, binance);
        assertThat(reconcile(1).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        binance.balance("BTC", "0");

        JobExecution run = reconcile(2);

        assertThat(run.getStatus()).as("a shortfall is a finding, not a failure").isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = JobTests.step(run, JobNames.RECONCILE_ACCOUNT_STEP);
        assertThat(Counts.of(step)).isEqualTo(new Counts(0, 0, 0, 0, 1, 0));
        assertThat(step.getExitStatus().getExitDescription())
                .isEqualTo("0 orders found, 0 trades from the exchange's fills, 1 shortfall");
        assertThat(run.getExecutionContext().getInt(ReconcileAccountTasklet.SHORTFALLS)).isEqualTo(1);
        assertThat(cli.query("SELECT strategy_id, reason FROM strategy_halts")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("strategy_id", "btc-live").containsEntry("reason",
                        "reconcile: account main BTC: the exchange holds 0, the ledgers 0.0024975, 0.0024975 short"
                                + " (on-mismatch: halt)"));
    }

    @Test
    void shouldRollBackAndWriteNothingWhenTheExchangeDoesNotAnswer() throws Exception {
        String id = LiveAccountFixture.buySentAndAnswerLost(cli, binance);
        binance.close();

        JobExecution run = reconcile(1);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        StepExecution step = JobTests.step(run, JobNames.RECONCILE_ACCOUNT_STEP);
        assertThat(Counts.of(step)).isEqualTo(new Counts(0, 0, 0, 0, 0, 1));
        assertThat(step.getExitStatus().getExitDescription()).contains("account main: 0 orders settled; not settled: "
                + id + " (buy): binance: no answer asking for the order " + id);
        assertThat(cli.query("SELECT status FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent"));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
    }
}
