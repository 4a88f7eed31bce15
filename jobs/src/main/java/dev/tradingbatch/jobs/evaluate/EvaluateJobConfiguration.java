package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.jobs.operations.JobRecords;
import dev.tradingbatch.model.Fill;
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
 * The evaluation job, one run per strategy_id and newest closed candle: {@code evaluateStrategyStep}
 * loads the candles the strategy needs, evaluates every candle from the run's first one, and stores
 * the trades on candles not evaluated before, in one transaction (a trade is stored once: a restart
 * or a second run for the same candle adds nothing).
 */
@Configuration(proxyBeanMethods = false)
class EvaluateJobConfiguration {

    /** Job execution context keys: what the next run continues from. */
    static final String FIRST = "evaluate.first";
    static final String LAST = "evaluate.last";
    static final String PARAMS = "evaluate.params";
    static final String RESTORED = "evaluate.restored";
    static final String TRADES = "evaluate.trades";
    static final String EVALUATED = "evaluate.evaluated";

    /** Parameters: see {@link EvaluateService}. */
    @Bean
    Job evaluateStrategyJob(JobRepository jobRepository, Step evaluateStrategyStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.EVALUATE_STRATEGY_JOB, jobRepository)
                .listener(jobRecords)
                .start(evaluateStrategyStep)
                .build();
    }

    @Bean
    Step evaluateStrategyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DeclaredStrategies declared, CandleRepository candles, TradeRepository trades,
                              Clock clock) {
        // candles are read outside any transaction; the trades are written in one short one
        DefaultTransactionAttribute noTransaction =
                new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        TransactionTemplate writes = new TransactionTemplate(transactionManager);
        return new StepBuilder(JobNames.EVALUATE_STRATEGY_STEP, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    JobParameters p = step.getJobParameters();
                    DeclaredStrategy s = declared.get(p.getString("strategy"));
                    long through = p.getLong("through");
                    long first = p.getLong("first");
                    Long restoredAt = p.getLong("restore");
                    Optional<Fill> restore = restoredAt == null ? Optional.empty()
                            : trades.trade(s.id(), RunIds.LIVE, restoredAt, "buy")
                                    .map(t -> Fill.buy(t.candleTime(), t.price(), t.quantity(), t.fee()));
                    Evaluation evaluation = new Evaluation(s, declared.fillModel(s), first,
                            p.getLong("after"), restore);
                    long loadFrom = EvaluateService.loadFrom(s, first, restoredAt);
                    Evaluation.Runner runner = evaluation.start();
                    candles.forEach(s.market(), loadFrom, through + s.market().timeframe().millis(), runner);
                    Evaluation.Result result = runner.finish();
                    long now = clock.millis();
                    List<TradeRow> rows = result.newFills().stream().map(f -> Evaluation.row(s, RunIds.LIVE, f, now))
                            .toList();
                    Integer stored = writes.execute(tx -> trades.insertNew(rows));
                    int written = stored == null ? 0 : stored;
                    contribution.incrementWriteCount(written);
                    ExecutionContext ctx = step.getJobExecution().getExecutionContext();
                    ctx.putLong(FIRST, first);
                    ctx.putLong(LAST, through);
                    ctx.putString(PARAMS, s.paramsJson());
                    if (restoredAt != null) {
                        ctx.putLong(RESTORED, restoredAt);
                    }
                    ctx.putInt(TRADES, written);
                    ctx.putInt(EVALUATED, result.evaluated());
                    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(result.evaluated()
                            + (result.evaluated() == 1 ? " candle" : " candles") + " evaluated, " + written
                            + (written == 1 ? " trade" : " trades")));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .transactionAttribute(noTransaction)
                .build();
    }
}
