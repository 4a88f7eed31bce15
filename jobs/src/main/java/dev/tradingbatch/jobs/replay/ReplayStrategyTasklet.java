package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluateAndStore;
import dev.tradingbatch.jobs.evaluate.Evaluation;
import dev.tradingbatch.jobs.evaluate.SkippedOrders;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * {@code replayStrategyStep}: streams the run's range of stored candles through the same evaluation as live
 * trading (warm-up history, then every candle of the range) and stores the trades under the run's own id
 * ({@link RunIds#replay}), apart from live trades. Candles are read on a second thread ({@link ReadAhead}) while
 * this one evaluates them, and stay scaled integers (the indicators' doubles are computed from them; only a fill
 * builds an exact decimal). The run's id, counts and metrics go into the job's execution context.
 */
class ReplayStrategyTasklet implements Tasklet {

    private final DeclaredStrategies declared;
    private final CandleRepository candles;
    private final EvaluateAndStore evaluateAndStore;

    ReplayStrategyTasklet(DeclaredStrategies declared, CandleRepository candles, EvaluateAndStore evaluateAndStore) {
        this.declared = declared;
        this.candles = candles;
        this.evaluateAndStore = evaluateAndStore;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = contribution.getStepExecution().getJobExecution();
        JobParameters p = job.getJobParameters();
        DeclaredStrategy s = ReplayParameters.strategy(declared, p);
        long from = p.getLong("from");
        long to = p.getLong("to");
        String runId = RunIds.replay(job.getJobInstance().getInstanceId());
        Backtest backtest = new Backtest(s, ReplayParameters.rules(declared, s, p), from);
        // a run recorded without it (warm-up loaded by time then) loads by count now
        Long chosen = p.getLong("loadFrom");
        long loadFrom = chosen != null ? chosen
                : candles.openTimeBefore(s.market(), from, s.spec().warmUpBars()).orElse(Long.MIN_VALUE);
        EvaluateAndStore.Outcome outcome = evaluateAndStore.run(backtest.evaluation(), declared.get(s.id()), runId,
                runner ->
                        // SQLite reads and decodes the next rows on a second thread while this one evaluates
                        ReadAhead.<StoredCandle>run(sink -> candles.forEachStored(s.market(), loadFrom, to, sink),
                                backtest.feeding(runner), "replay-read-ahead"), contribution);
        Evaluation.Result result = outcome.result();
        BacktestMetrics metrics = backtest.metrics(result);
        ExecutionContext ctx = job.getExecutionContext();
        ctx.putString(ReplayJobConfiguration.RUN_ID, runId);
        ctx.putInt(ReplayJobConfiguration.TRADES, result.newFills().size());
        ctx.putInt(ReplayJobConfiguration.EVALUATED, result.evaluated());
        ReplayFigures.of(metrics).forEach(ctx::putString);
        SkippedOrders.put(ctx, result.skipped());
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(runId + ": "
                + result.evaluated() + " candles replayed, " + result.newFills().size() + " fills"
                + SkippedOrders.summary(result.skipped())));
        return RepeatStatus.FINISHED;
    }
}
