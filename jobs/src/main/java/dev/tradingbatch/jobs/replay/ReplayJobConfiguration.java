package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.EvaluateAndStore;
import dev.tradingbatch.jobs.operations.JobRecords;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The replay job: {@code replayStrategyStep} ({@link ReplayStrategyTasklet}) runs a strategy over a range of stored
 * candles as live evaluation would and stores its trades under the run's own id, once: a restarted replay writes
 * nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class ReplayJobConfiguration {

    /** Job execution context keys: the run's id, counts (and metrics, {@link ReplayFigures}). */
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

    /** Outside any transaction: a replay of millions of candles takes no write lock while it reads them. */
    @Bean
    Step replayStrategyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ReplayStrategyTasklet replayStrategyTasklet) {
        return new StepBuilder(JobNames.REPLAY_STRATEGY_STEP, jobRepository)
                .tasklet(replayStrategyTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** Replays the run's strategy and stores its trades under the run's id. */
    @Bean
    ReplayStrategyTasklet replayStrategyTasklet(DeclaredStrategies declared, CandleRepository candles,
                                                EvaluateAndStore evaluateAndStore) {
        return new ReplayStrategyTasklet(declared, candles, evaluateAndStore);
    }
}
