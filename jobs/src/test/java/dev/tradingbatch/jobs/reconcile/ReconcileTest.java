package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile} against {@link BinanceSpotStandIn}: an order the exchange filled while no process recorded its
 * answer is settled into the strategy's ledger; a balance lowered by hand below the ledgers is reported, and with
 * {@code on-mismatch: halt} halts the account's strategies; an exchange that does not answer fails the run and
 * nothing is written.
 */
class ReconcileTest {

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

    private String buySentAndAnswerLost() {
        return LiveAccountFixture.buySentAndAnswerLost(cli, binance);
    }

    @Test
    void shouldSettleAnOrderFilledWhileNoProcessRecordedItsAnswer() {
        String id = buySentAndAnswerLost();
        BinanceSpotStandIn.Order filled = binance.orders().getFirst();

        CliRun.Result r = cli.run("reconcile");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("reconcile main: 1 orders found, 1 trade from the exchange's fills, the balances"
                + " cover the ledgers (COMPLETED, execution ").contains("  settled btc-live: buy ")
                .contains("  BTC: the exchange holds 0.0024975, the ledgers 0.0024975: ok");
        assertThat(cli.query("SELECT status, exchange_status, executed_quantity FROM live_orders"))
                .singleElement().satisfies(o -> assertThat(o).containsEntry("status", "accepted")
                        .containsEntry("exchange_status", "FILLED"));
        // the ledger is the stand-in's fills: its two trades, their quantities adding up to what it executed
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills WHERE client_order_id = ?", id)).isEqualTo(2);
        assertThat(cli.query("SELECT quantity FROM live_fills").stream()
                .map(f -> new BigDecimal((String) f.get("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(filled.executedQty());
        assertThat(cli.query("SELECT side, quantity FROM strategy_trades WHERE run_id = 'live'")).singleElement()
                .satisfies(t -> assertThat(new BigDecimal((String) t.get("quantity")))
                        .isEqualByComparingTo(binance.free("BTC")));
        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'reconcileAccountJob'"))
                .isEqualTo(1);

        // again: nothing new to settle, the same comparison
        CliRun.Result again = cli.run("reconcile", "--account", "main");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).startsWith("reconcile main: 0 orders found, 0 trades from the exchange's fills");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isEqualTo(1);
    }

    @Test
    void shouldReportABalanceLoweredByHandBelowTheLedgers() {
        buySentAndAnswerLost();
        assertThat(cli.run("reconcile").exitCode()).isZero();
        binance.balance("BTC", "0.001");   // someone sold some by hand

        CliRun.Result r = cli.run("reconcile");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("1 shortfall (COMPLETED")
                .contains("  SHORTFALL BTC: the exchange holds 0.001, the ledgers 0.0024975, 0.0014975 short");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
    }

    @Test
    void shouldAcceptADifferenceWithinTheTolerance() {
        cli.with("trading.accounts.main.mismatch-tolerance", "0.002");
        buySentAndAnswerLost();
        assertThat(cli.run("reconcile").exitCode()).isZero();
        binance.balance("BTC", "0.001");

        CliRun.Result r = cli.run("reconcile");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  BTC: the exchange holds 0.001, the ledgers 0.0024975: ok");
    }

    @Test
    void shouldHaltTheAccountsStrategiesOnAShortfallWhenAskedTo() {
        cli.with("trading.accounts.main.on-mismatch", "halt");
        buySentAndAnswerLost();
        assertThat(cli.run("reconcile").exitCode()).isZero();
        binance.balance("BTC", "0");

        CliRun.Result r = cli.run("reconcile");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("  halted btc-live");
        assertThat(cli.query("SELECT strategy_id, reason FROM strategy_halts")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("strategy_id", "btc-live").containsEntry("reason",
                        "reconcile: account main BTC: the exchange holds 0, the ledgers 0.0024975, 0.0024975 short"
                                + " (on-mismatch: halt)"));
        CliRun.Result evaluate = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(evaluate.out()).contains("halted since", "reconcile: account main BTC");

        // the shortfall stands at the next run: the halt that stands is kept as it is, not made again
        assertThat(cli.run("halt", "--strategy", "btc-live", "--reason", "looking into it").exitCode()).isZero();
        CliRun.Result again = cli.run("reconcile");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("  already halted btc-live since ").doesNotContain("  halted btc-live");
        assertThat(cli.query("SELECT reason FROM strategy_halts WHERE strategy_id = 'btc-live'")).singleElement()
                .isEqualTo(Map.of("reason", "looking into it"));
    }

    @Test
    void shouldFailAndWriteNothingWhenTheExchangeDoesNotAnswer() {
        String id = buySentAndAnswerLost();
        binance.close();

        CliRun.Result r = cli.run("reconcile");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("reconcile main: FAILED, execution ").contains("failed: account main: 0 orders"
                + " settled; not settled: " + id + " (buy): binance: no answer asking for the order " + id);
        assertThat(cli.query("SELECT status FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "intent"));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        assertThat(r.out() + r.err()).doesNotContain(LiveAccountFixture.KEY, LiveAccountFixture.SECRET);
    }

    @Test
    void shouldPlanAReconciliationOfEachLiveAccountOfATraderAtStartAndEveryInterval() {
        CliRun.Result plan = cli.run("schedule", "--role", "trader", "--strategy", "btc-live");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out().lines().filter(l -> l.startsWith("reconcile main")))
                .singleElement().asString().contains("at start, every 15m", "2026-12-01T11:15:05Z");

        CliRun.Result hourly = cli.with("trading.schedule.reconcile-interval", "1h")
                .run("schedule", "--role", "trader", "--strategy", "btc-live");
        assertThat(hourly.out()).contains("at start, every 1h");
    }

    @Test
    void shouldSettleTheOrderWhenTheScheduleFiresTheReconciliation() {
        String id = buySentAndAnswerLost();

        try (ConfigurableApplicationContext app = cli.start()) {
            app.getBean(dev.tradingbatch.jobs.schedule.ScheduledWork.class).reconcile("main");
        }

        assertThat(cli.query("SELECT status FROM live_orders WHERE client_order_id = ?", id)).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted"));
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadReconciliationSettingsNamingTheKey() {
        CliRun.Result negative = cli.with("trading.accounts.main.mismatch-tolerance", "-1").run("reconcile");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("trading.accounts.main.mismatch-tolerance must not be negative, was -1");

        CliRun.Result unknown = cli.with("trading.accounts.main.mismatch-tolerance", "0")
                .with("trading.accounts.main.on-mismatch", "panic").run("reconcile");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("trading.accounts.main.on-mismatch: 'panic' is neither report nor halt");

        CliRun.Result age = cli.with("trading.accounts.main.on-mismatch", "report")
                .with("trading.live.max-intent-age", "0s").run("reconcile");
        assertThat(age.exitCode()).isEqualTo(2);
        assertThat(age.err()).contains("trading.live.max-intent-age must be positive");
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'reconcileAccountJob'"))
                .isZero();
    }

    @Test
    void shouldRefuseAnAccountNotDeclared() {
        CliRun.Result r = cli.run("reconcile", "--account", "nope");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown account 'nope' (declared: main)");
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'reconcileAccountJob'"))
                .isZero();
    }
}
