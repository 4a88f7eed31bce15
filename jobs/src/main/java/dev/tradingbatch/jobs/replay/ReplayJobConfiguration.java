package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.Evaluation;
import dev.tradingbatch.jobs.operations.JobRecords;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Metrics;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The replay job: {@code replayStrategyStep} streams a range of stored candles through the same
 * evaluation as live trading ({@link Evaluation}: warm-up history, then every candle of the range) and
 * stores the trades under the run's own id ({@link RunIds#replay}), apart from live trades.
 * Candles are read outside any transaction (a replay of millions takes no write lock), on a second
 * thread ({@link ReadAhead}) while this one evaluates them, and stay scaled integers (the indicators'
 * doubles are computed from them; only a fill builds an exact decimal); the trades
 * are written in one short transaction, once: a restarted replay writes nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class ReplayJobConfiguration {

    static final String RUN_ID = "replay.runId";
    static final String TRADES = "replay.trades";
    static final String EVALUATED = "replay.evaluated";

    /** Parameters: see {@link ReplayParameters}. */
    @Bean
    Job replayStrategyJob(JobRepository jobRepository, Step replayStrategyStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.REPLAY_STRATEGY_JOB, jobRepository)
                .listener(jobRecords)
                .start(replayStrategyStep)
                .build();
    }

    @Bean
    Step replayStrategyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ReplayService replays, DeclaredStrategies declared, CandleRepository candles,
                            TradeRepository trades, Clock clock) {
        DefaultTransactionAttribute noTransaction =
                new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        TransactionTemplate writes = new TransactionTemplate(transactionManager);
        return new StepBuilder(JobNames.REPLAY_STRATEGY_STEP, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    JobParameters p = step.getJobParameters();
                    DeclaredStrategy s = replays.strategy(p);
                    long from = p.getLong("from");
                    long to = p.getLong("to");
                    String runId = RunIds.replay(step.getJobExecution().getJobInstance().getInstanceId());
                    Evaluation evaluation = new Evaluation(s, declared.fillModel(s), from, from - 1,
                            Optional.empty());
                    Evaluation.Runner runner = evaluation.start();
                    CloseSeries evaluated = new CloseSeries();
                    // SQLite reads and decodes the next rows on a second thread while this one evaluates
                    ReadAhead.<StoredCandle>run(sink -> candles.forEachStored(s.market(), s.warmUpFrom(from), to, sink),
                            c -> {
                                runner.accept(c);
                                if (c.openTime() >= from) {
                                    evaluated.accept(c);
                                }
                            }, "replay-read-ahead");
                    Evaluation.Result result = runner.finish();
                    BacktestMetrics metrics = Metrics.summary(evaluated, result.newFills(), evaluation.fillModel(),
                            s.market().timeframe());
                    long now = clock.millis();
                    List<TradeRow> rows = result.newFills().stream().map(f -> Evaluation.row(s, runId, f, now)).toList();
                    Integer written = writes.execute(tx -> trades.insertNew(rows));
                    ExecutionContext ctx = step.getJobExecution().getExecutionContext();
                    ctx.putString(RUN_ID, runId);
                    ctx.putInt(TRADES, result.newFills().size());
                    ctx.putInt(EVALUATED, result.evaluated());
                    ReplayFigures.of(metrics).forEach(ctx::putString);
                    contribution.incrementWriteCount(written == null ? 0 : written);
                    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(runId + ": "
                            + result.evaluated() + " candles replayed, " + result.newFills().size() + " fills"));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .transactionAttribute(noTransaction)
                .build();
    }
}
