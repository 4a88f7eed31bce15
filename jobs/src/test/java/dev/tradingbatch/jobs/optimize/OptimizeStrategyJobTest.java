package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.replay.ReplayFigures;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.JobTests;
import dev.tradingbatch.jobs.support.JobTests.Counts;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code optimizeStrategyJob} launched on its own with the parameters {@link OptimizeService} gives it, on the
 * bundled Bitstamp candles: a manager step slicing the sets, one worker step per slice counting each set computed as
 * read and each row stored as written, and a failed slice rolled back and computed alone when the sweep is restarted.
 */
class OptimizeStrategyJobTest {

    static final long FROM = Instant.parse("2013-11-26T00:00:00Z").toEpochMilli();
    static final long TO = Instant.parse("2013-12-01T00:00:00Z").toEpochMilli();
    static final List<String> PERIODS = List.of("10", "12", "14", "16");
    static final List<String> OVERSOLD = List.of("25", "30", "35");
    static final int SETS = PERIODS.size() * OVERSOLD.size();

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = BitstampSample.declare(new CliRun(dir), "rsi-bs-5m", "rsi",
                Map.of("period", "14", "oversold", "35", "overbought", "65"));
        candles = BitstampSample.importInto(cli);
    }

    /** The grid period=10..16:2 x oversold=25,30,35 over [FROM, TO), as {@code optimize} would start it. */
    private static JobParameters grid(ConfigurableApplicationContext app) {
        OptimizeService.Plan plan = app.getBean(OptimizeService.class).plan(new OptimizeService.Request("rsi-bs-5m",
                List.of("period=10..16:2", "oversold=25,30,35"), null, null, null, null, 0, "2013-11-26",
                "2013-12-01", 10, false));
        return OptimizeService.parameters(plan, app.getBean(DeclaredStrategies.class).rules(plan.base()));
    }

    @Test
    void shouldComputeEverySetInOneWorkerStepPerSliceAndStoreOneRowEach() throws Exception {
        JobExecution execution;
        try (ConfigurableApplicationContext app = cli.start()) {
            execution = JobTests.launcher(app, JobNames.OPTIMIZE_STRATEGY_JOB).startJob(grid(app));
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        List<StepExecution> workers = workers(execution);
        int slices = Math.min(SETS, Runtime.getRuntime().availableProcessors()
                * OptimizeJobConfiguration.SLICES_PER_THREAD);
        assertThat(workers).hasSize(slices);
        int computed = 0;
        for (StepExecution worker : workers) {
            int sets = worker.getExecutionContext().getInt(SetPartitioner.END)
                    - worker.getExecutionContext().getInt(SetPartitioner.FIRST);
            assertThat(worker.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(Counts.of(worker)).as(worker.getStepName()).isEqualTo(new Counts(sets, sets, 0, 0, 1, 0));
            computed += sets;
        }
        assertThat(computed).isEqualTo(SETS);
        assertThat(Counts.of(JobTests.step(execution, JobNames.OPTIMIZE_STRATEGY_STEP)))
                .as("the manager step adds up its workers' counts")
                .isEqualTo(new Counts(SETS, SETS, 0, 0, slices, 0));

        long sweepId = execution.getJobInstance().getInstanceId();
        List<Map<String, Object>> rows = cli.query("SELECT set_index, strategy_id, params, evaluated,"
                + " job_execution_id FROM sweep_results WHERE sweep_id = ? ORDER BY set_index", sweepId);
        assertThat(rows).hasSize(SETS);
        int evaluated = (int) candles.stream().filter(c -> c.openTime() >= FROM && c.openTime() < TO).count();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < SETS; i++) {
            assertThat(rows.get(i)).as("set %d", i).containsEntry("set_index", i)
                    .containsEntry("strategy_id", "rsi-bs-5m").containsEntry("evaluated", evaluated)
                    .containsEntry("job_execution_id", Math.toIntExact(execution.getId()));
            params.add((String) rows.get(i).get("params"));
        }
        List<String> expected = new ArrayList<>();
        for (String period : PERIODS) {
            for (String oversold : OVERSOLD) {
                expected.add("{\"overbought\":\"65\",\"oversold\":\"" + oversold + "\",\"period\":\"" + period + "\"}");
            }
        }
        assertThat(params).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The sweep shares each period's RSI between the sets of that period (computed once per sweep execution, not per
     * set); every stored row is what the set gives computed on its own, as {@code replay --param ...} computes it.
     */
    @Test
    void shouldStoreForEverySetWithSharedIndicatorsTheFiguresItGivesComputedOnItsOwn() throws Exception {
        List<SweepResult> rows = sweepAndCompareWithEachSetAlone(List.of("period=10..16:2", "oversold=25,30,35"));

        assertThat(rows).hasSize(SETS);
        assertThat(rows.stream().mapToInt(SweepResult::trades).sum()).as("the sets trade").isGreaterThan(SETS);
        assertThat(rows.stream().map(SweepResult::totalReturnPercent).distinct().count())
                .as("the thresholds change the figures").isGreaterThan(PERIODS.size());
    }

    /**
     * Sets that share their entry and exit rules (the crossings of one period's RSI through one threshold, decided
     * once) and sets whose exits add a stop-loss read from the position (never shared): each stored row still what
     * the set gives on its own.
     */
    @Test
    void shouldStoreForSetsSharingTheirRulesAndSetsWithStopsTheFiguresTheyGiveOnTheirOwn() throws Exception {
        List<SweepResult> rows = sweepAndCompareWithEachSetAlone(List.of("period=10,14", "oversold=25,35",
                "overbought=60,65", "stop-loss=0.5,2"));

        assertThat(rows).hasSize(16);
        assertThat(rows.stream().mapToInt(SweepResult::trades).sum()).as("the sets trade").isGreaterThan(16);
        assertThat(rows.stream().map(SweepResult::totalReturnPercent).distinct().count())
                .as("the stops change the figures").isGreaterThan(8);
    }

    /** Sweeps {@code params} over [FROM, TO) and checks every stored row against the set's own backtest. */
    private List<SweepResult> sweepAndCompareWithEachSetAlone(List<String> params) throws Exception {
        List<SweepResult> rows;
        List<ReplayFigures.Values> alone = new ArrayList<>();
        try (ConfigurableApplicationContext app = cli.start()) {
            OptimizeService sweeps = app.getBean(OptimizeService.class);
            DeclaredStrategies declared = app.getBean(DeclaredStrategies.class);
            OptimizeService.Plan plan = sweeps.plan(new OptimizeService.Request("rsi-bs-5m", params, null, null, null,
                    null, 0, "2013-11-26", "2013-12-01", 10, false));
            JobParameters parameters = OptimizeService.parameters(plan, declared.rules(plan.base()));
            JobExecution execution = JobTests.launcher(app, JobNames.OPTIMIZE_STRATEGY_JOB).startJob(parameters);
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            rows = app.getBean(SweepResultRepository.class).find(execution.getJobInstance().getInstanceId());
            DeclaredStrategy base = OptimizeParameters.base(declared, parameters);
            for (StrategySpec set : OptimizeParameters.sets(base, parameters).sets()) {
                alone.add(ReplayFigures.Values.of(sweeps.backtest(base, set, declared.rules(base), FROM, TO).metrics()));
            }
        }
        assertThat(rows).hasSameSizeAs(alone);
        assertEachAsAlone(rows, alone);
        return rows;
    }

    /** Every stored row's figures are those of its set computed alone ({@code alone}, by set index), exactly. */
    static void assertEachAsAlone(List<SweepResult> rows, List<ReplayFigures.Values> alone) {
        for (SweepResult row : rows) {
            ReplayFigures.Values stored = new ReplayFigures.Values(row.totalReturnPercent(),
                    row.annualisedReturnPercent(), row.buyAndHoldPercent(), row.maxDrawdownPercent(), row.trades(),
                    row.winRatePercent(), row.profitFactor(), row.sharpe(), row.sortino(), row.exposurePercent(),
                    row.finalEquity(), row.positionOpen());
            assertThat(stored).as("set %d %s", row.setIndex(), row.params()).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(alone.get(row.setIndex()));
        }
    }

    @Test
    void shouldRollBackAFailedSliceAndComputeOnlyItWhenTheSweepIsRestarted() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        cli.bean("sweepSetHook", (SweepSetHook) set -> {
            if (failing.get() && set == 5) {
                throw new IllegalStateException("injected failure before set 5");
            }
        });
        JobExecution failed;
        long storedAfterFailure;
        JobExecution restarted;
        try (ConfigurableApplicationContext app = cli.start()) {
            JobOperatorTestUtils launcher = JobTests.launcher(app, JobNames.OPTIMIZE_STRATEGY_JOB);
            JobParameters parameters = grid(app);
            failed = launcher.startJob(parameters);
            storedAfterFailure = cli.count("SELECT COUNT(*) FROM sweep_results");
            failing.set(false);
            restarted = launcher.startJob(parameters);
        }

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        List<StepExecution> failedSlices = workers(failed).stream().filter(s -> s.getStatus() == BatchStatus.FAILED)
                .toList();
        assertThat(failedSlices).hasSize(1);
        StepExecution failedSlice = failedSlices.getFirst();
        int first = failedSlice.getExecutionContext().getInt(SetPartitioner.FIRST);
        int end = failedSlice.getExecutionContext().getInt(SetPartitioner.END);
        assertThat(first).isLessThanOrEqualTo(5);
        assertThat(end).isGreaterThan(5);
        assertThat(Counts.of(failedSlice)).as("the sets computed before the failure read, nothing of the slice kept")
                .isEqualTo(new Counts(5 - first, 0, 0, 0, 0, 1));
        assertThat(failedSlice.getExitStatus().getExitDescription()).contains("injected failure before set 5");
        long sweepId = failed.getJobInstance().getInstanceId();
        assertThat(storedAfterFailure).as("every slice but the failed one").isEqualTo(SETS - (end - first));

        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(sweepId);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(workers(restarted)).as("only the failed slice runs again").hasSize(1);
        StepExecution again = workers(restarted).getFirst();
        assertThat(again.getStepName()).isEqualTo(failedSlice.getStepName());
        assertThat(Counts.of(again)).isEqualTo(new Counts(end - first, end - first, 0, 0, 1, 0));
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = ?", sweepId)).isEqualTo(SETS);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE job_execution_id = ?", restarted.getId()))
                .isEqualTo(end - first);
    }

    /** The worker steps of an execution: {@code optimizeSetsStep:sets-0000}, ... */
    private static List<StepExecution> workers(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(JobNames.OPTIMIZE_SETS_STEP + ":")).toList();
    }
}
