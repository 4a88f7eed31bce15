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
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep of the MACD, Trend or Scalping type shares the indicators its sets have in common (the EMAs, the ADX, the
 * MACD line and its signal, each computed once for the sets that read it from the same candle on): every stored row
 * is what the set gives computed on its own, as {@code replay --param ...} computes it, on the bundled Bitstamp
 * candles.
 */
class OptimizeSharedIndicatorsTest {

    static final long FROM = Instant.parse("2013-11-26T00:00:00Z").toEpochMilli();
    static final long TO = Instant.parse("2013-12-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    static Stream<Arguments> grids() {
        return Stream.of(
                // a line and a signal per (fast, slow, signal), each read by both stop-losses
                Arguments.of("macd", Map.of("fast", "12", "slow", "26", "signal", "9"),
                        List.of("fast=5,8", "slow=13,21", "signal=4,9", "stop-loss=1,2"), 16),
                // each EMA and ADX read by both thresholds, the fast EMAs and ADX(10) by both slow periods too
                // (both warm up the ADX's 220 bars)
                Arguments.of("trend", Map.of("fast", "10", "slow", "30", "adx-period", "10"),
                        List.of("fast=5,10", "slow=20,30", "adx-period=7,10", "adx-threshold=20,25"), 16),
                // each slow EMA read by 3 fast periods x 2 take-profits, each fast one by both take-profits
                Arguments.of("scalping", Map.of("fast", "5", "slow", "20"),
                        List.of("fast=3,5,8", "slow=13,21", "take-profit=1,2"), 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void shouldStoreForEverySetWithSharedIndicatorsTheFiguresItGivesComputedOnItsOwn(String type,
            Map<String, String> declared, List<String> specs, int sets) throws Exception {
        CliRun cli = BitstampSample.declare(new CliRun(dir), "bs-5m", type, declared);
        BitstampSample.importInto(cli);
        List<SweepResult> rows;
        List<ReplayFigures.Values> alone = new ArrayList<>();
        try (ConfigurableApplicationContext app = cli.start()) {
            OptimizeService sweeps = app.getBean(OptimizeService.class);
            DeclaredStrategies strategies = app.getBean(DeclaredStrategies.class);
            OptimizeService.Plan plan = sweeps.plan(new OptimizeService.Request("bs-5m", specs, null, null, null, null,
                    0, "2013-11-26", "2013-12-01", 10, false));
            JobParameters parameters = OptimizeService.parameters(plan, strategies.rules(plan.base()));
            JobExecution execution = JobTests.launcher(app, JobNames.OPTIMIZE_STRATEGY_JOB).startJob(parameters);
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            rows = app.getBean(SweepResultRepository.class).find(execution.getJobInstance().getInstanceId());
            DeclaredStrategy base = OptimizeParameters.base(strategies, parameters);
            for (StrategySpec set : OptimizeParameters.sets(base, parameters).sets()) {
                alone.add(ReplayFigures.Values.of(sweeps.backtest(base, set, strategies.rules(base), FROM, TO)
                        .metrics()));
            }
        }

        assertThat(rows).hasSize(sets);
        OptimizeStrategyJobTest.assertEachAsAlone(rows, alone);
        int trades = rows.stream().mapToInt(SweepResult::trades).sum();
        assertThat(trades).as("the sets trade").isGreaterThan(sets);
        assertThat(rows.stream().map(SweepResult::totalReturnPercent).distinct().count())
                .as("the parameters change the figures").isGreaterThan(sets / 2);
    }
}
