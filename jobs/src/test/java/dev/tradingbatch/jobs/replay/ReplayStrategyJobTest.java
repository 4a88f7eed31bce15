package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
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
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code replayStrategyJob} launched on its own with the parameters {@link ReplayService} gives it, on the bundled
 * Bitstamp candles: its one step replays the range, stores the fills under the run's own id and counts them as
 * written.
 */
class ReplayStrategyJobTest {

    static final Map<String, String> PARAMS = Map.of("period", "14", "oversold", "35", "overbought", "65");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", PARAMS);
    }

    @Test
    void shouldStoreTheReplayedFillsUnderTheRunsOwnIdOnce() throws Exception {
        long from = candles.get(300).openTime();
        long to = candles.get(1001).openTime();
        JobExecution run;
        try (ConfigurableApplicationContext app = cli.start()) {
            DeclaredStrategy rsi = app.getBean(DeclaredStrategies.class).get("rsi-bs-5m");
            long loadFrom = app.getBean(CandleRepository.class)
                    .openTimeBefore(BitstampSample.MARKET, from, rsi.spec().warmUpBars()).orElseThrow();
            JobParameters parameters = ReplayParameters.of(rsi, MarketRules.NONE, from, to, loadFrom);
            JobOperatorTestUtils launcher = JobTests.launcher(app, JobNames.REPLAY_STRATEGY_JOB);
            run = launcher.startJob(parameters);
            assertThatThrownBy(() -> launcher.startJob(parameters)).as("the same replay is the same, completed, run")
                    .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        }
        List<Fill> fills = BitstampSample.fills(candles, "rsi", PARAMS, from, to - 1);
        assertThat(fills).hasSizeGreaterThan(4);
        String runId = RunIds.replay(run.getJobInstance().getInstanceId());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(JobTests.stepNames(run)).containsExactly(JobNames.REPLAY_STRATEGY_STEP);
        StepExecution step = JobTests.step(run, JobNames.REPLAY_STRATEGY_STEP);
        assertThat(Counts.of(step)).as("candles are read by the tasklet, not counted as items")
                .isEqualTo(new Counts(0, fills.size(), 0, 0, 1, 0));
        assertThat(step.getExitStatus().getExitDescription())
                .isEqualTo(runId + ": 701 candles replayed, " + fills.size() + " fills");
        ExecutionContext ctx = run.getExecutionContext();
        assertThat(ctx.getString(ReplayJobConfiguration.RUN_ID)).isEqualTo(runId);
        assertThat(ctx.getInt(ReplayJobConfiguration.EVALUATED)).isEqualTo(701);
        assertThat(ctx.getInt(ReplayJobConfiguration.TRADES)).isEqualTo(fills.size());
        assertThat(ctx.getString(ReplayFigures.PREFIX + "trades"))
                .isEqualTo(String.valueOf(fills.stream().filter(f -> f.pnl() != null).count()));

        assertThat(cli.query("SELECT side, price, quantity, fee, candle_time FROM strategy_trades "
                + "WHERE strategy_id = 'rsi-bs-5m' AND run_id = ? ORDER BY candle_time, side", runId))
                .isEqualTo(fills.stream().map(f -> Map.<String, Object>of("side", f.side().code(),
                        "price", f.price().toPlainString(), "quantity", f.quantity().toPlainString(),
                        "fee", f.fee().toPlainString(), "candle_time", f.candleTime())).toList());
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id <> ?", runId))
                .as("nothing stored as live").isZero();
    }
}
