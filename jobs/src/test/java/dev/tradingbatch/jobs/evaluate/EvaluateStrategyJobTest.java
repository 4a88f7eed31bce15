package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.JobTests;
import dev.tradingbatch.jobs.support.JobTests.Counts;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.RunIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code evaluateStrategyJob} launched on its own with the parameters {@link EvaluateService} gives it, on the
 * bundled Bitstamp candles: its one step evaluates and stores the live trades, and counts them as written.
 */
class EvaluateStrategyJobTest {

    static final Map<String, String> PARAMS = Map.of("period", "14", "oversold", "35", "overbought", "65");
    static final Instant NOW = Instant.parse("2013-12-02T00:00:00Z");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC));
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", PARAMS);
    }

    /** An evaluation from candle {@code first} through {@code through}, after {@code after}'s trades were stored. */
    private JobParameters parameters(int first, int after, int through) {
        return new JobParametersBuilder()
                .addString("strategy", "rsi-bs-5m")
                .addLong("through", candles.get(through).openTime())
                .addLong("first", candles.get(first).openTime(), false)
                .addLong("after", after < 0 ? candles.get(first).openTime() - 1 : candles.get(after).openTime(), false)
                .toJobParameters();
    }

    @Test
    void shouldStoreTheNewTradesOfEachRunOnceAndCountThemAsWritten() throws Exception {
        JobExecution firstRun;
        JobExecution nextRun;
        try (ConfigurableApplicationContext app = cli.start()) {
            JobOperatorTestUtils launcher = JobTests.launcher(app, JobNames.EVALUATE_STRATEGY_JOB);
            firstRun = launcher.startJob(parameters(300, -1, 700));
            nextRun = launcher.startJob(parameters(300, 700, 1916));
            assertThatThrownBy(() -> launcher.startJob(parameters(300, 700, 1916)))
                    .as("the same candle again is the same, completed, run")
                    .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        }
        long first = candles.get(300).openTime();
        List<Fill> untilFirstRun = BitstampSample.fills(candles, "rsi", PARAMS, first, candles.get(700).openTime());
        List<Fill> all = BitstampSample.fills(candles, "rsi", PARAMS, first, candles.get(1916).openTime());
        assertThat(untilFirstRun).hasSizeGreaterThan(2);
        assertThat(all).hasSizeGreaterThan(untilFirstRun.size() + 2);
        int later = all.size() - untilFirstRun.size();

        assertRun(firstRun, 401, untilFirstRun.size());
        assertRun(nextRun, 1216, later);
        ExecutionContext next = nextRun.getExecutionContext();
        assertThat(next.getLong(EvaluateJobConfiguration.FIRST)).isEqualTo(first);
        assertThat(next.getLong(EvaluateJobConfiguration.LAST)).isEqualTo(candles.get(1916).openTime());
        assertThat(next.getString(EvaluateJobConfiguration.PARAMS))
                .isEqualTo("{\"overbought\":\"65\",\"oversold\":\"35\",\"period\":\"14\"}");
        assertThat(next.containsKey(EvaluateJobConfiguration.RESTORED)).isFalse();

        List<Map<String, Object>> stored = cli.query("SELECT run_id, side, price, quantity, fee, candle_time, "
                + "executed_at, pnl FROM strategy_trades WHERE strategy_id = 'rsi-bs-5m' ORDER BY candle_time, side");
        assertThat(stored).hasSize(all.size());
        for (int i = 0; i < all.size(); i++) {
            Fill f = all.get(i);
            assertThat(stored.get(i)).as("trade %d", i).containsEntry("run_id", RunIds.LIVE)
                    .containsEntry("side", f.side().code()).containsEntry("price", f.price().toPlainString())
                    .containsEntry("quantity", f.quantity().toPlainString()).containsEntry("fee", f.fee().toPlainString())
                    .containsEntry("candle_time", f.candleTime()).containsEntry("executed_at", NOW.toEpochMilli())
                    .containsEntry("pnl", f.pnl() == null ? null : f.pnl().toPlainString());
        }
    }

    /**
     * COMPLETED, a step that evaluated {@code evaluated} candles and wrote {@code trades} trades in one commit, and a
     * send step with nothing to send (a paper strategy).
     */
    private static void assertRun(JobExecution run, int evaluated, int trades) {
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(JobTests.stepNames(run)).containsExactly(JobNames.EVALUATE_STRATEGY_STEP, JobNames.SEND_ORDERS_STEP);
        assertThat(run.getExitStatus().getExitDescription()).as("the run's summary is the evaluation's")
                .isEqualTo(evaluated + " candles evaluated, " + trades + " trades");
        var step = JobTests.step(run, JobNames.EVALUATE_STRATEGY_STEP);
        assertThat(Counts.of(step)).as("candles are read by the tasklet, not counted as items")
                .isEqualTo(new Counts(0, trades, 0, 0, 1, 0));
        assertThat(step.getExitStatus().getExitDescription())
                .isEqualTo(evaluated + " candles evaluated, " + trades + " trades");
        assertThat(run.getExecutionContext().getInt(EvaluateJobConfiguration.EVALUATED)).isEqualTo(evaluated);
        assertThat(run.getExecutionContext().getInt(EvaluateJobConfiguration.TRADES)).isEqualTo(trades);
    }
}
