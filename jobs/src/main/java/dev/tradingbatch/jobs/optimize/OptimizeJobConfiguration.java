package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.operations.JobRecords;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The sweep job: {@code optimizeStrategyStep} slices the sweep's parameter sets ({@link SetPartitioner}) and runs one
 * {@code optimizeSetsStep} per slice ({@link OptimizeSetsTasklet}) on local threads, as many at a time as the machine
 * has cores. Each slice is a step execution of its own, so a restart runs only the slices that did not complete; the
 * same sweep again is the same job instance, complete, and nothing runs. Another partition handler (remote workers)
 * would take the same slices.
 */
@Configuration(proxyBeanMethods = false)
class OptimizeJobConfiguration {

    /** Slices per thread: smaller slices lose less to a failure and balance sets of unequal cost. */
    static final int SLICES_PER_THREAD = 4;

    /** Parameters: see {@link OptimizeParameters}. */
    @Bean
    Job optimizeStrategyJob(JobRepository jobRepository, Step optimizeStrategyStep, JobRecords jobRecords,
                            SweepCandles sweepCandles) {
        return new JobBuilder(JobNames.OPTIMIZE_STRATEGY_JOB, jobRepository)
                .listener(jobRecords)
                .listener(sweepCandles)
                .start(optimizeStrategyStep)
                .build();
    }

    /** The manager step: one {@code optimizeSetsStep} per slice of the sets, on the machine's cores. */
    @Bean
    Step optimizeStrategyStep(JobRepository jobRepository, Partitioner setPartitioner, Step optimizeSetsStep) {
        int threads = Runtime.getRuntime().availableProcessors();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("optimize-");
        executor.setConcurrencyLimit(threads);
        return new StepBuilder(JobNames.OPTIMIZE_STRATEGY_STEP, jobRepository)
                .partitioner(JobNames.OPTIMIZE_SETS_STEP, setPartitioner)
                .step(optimizeSetsStep)
                .gridSize(threads * SLICES_PER_THREAD)
                .taskExecutor(executor)
                .build();
    }

    /** The sweep's sets, counted from the run's parameters when its first run slices them. */
    @Bean
    @StepScope
    Partitioner setPartitioner(DeclaredStrategies declared,
                                  @Value("#{stepExecution}") StepExecution stepExecution) {
        JobParameters p = stepExecution.getJobExecution().getJobParameters();
        return new SetPartitioner(OptimizeParameters.sets(OptimizeParameters.base(declared, p), p).sets().size());
    }

    /** Outside any transaction, as a replay: reading and computing take no write lock; the rows are one short write. */
    @Bean
    Step optimizeSetsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          OptimizeSetsTasklet optimizeSetsTasklet) {
        return new StepBuilder(JobNames.OPTIMIZE_SETS_STEP, jobRepository)
                .tasklet(optimizeSetsTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** Computes one slice's sets and stores their figures. */
    @Bean
    OptimizeSetsTasklet optimizeSetsTasklet(DeclaredStrategies declared, SweepCandles sweepCandles,
                                            SweepResultRepository results, PlatformTransactionManager transactionManager,
                                            SweepSetHook sweepSetHook, Clock clock) {
        return new OptimizeSetsTasklet(declared, sweepCandles, results, new TransactionTemplate(transactionManager),
                sweepSetHook, clock);
    }

    /** The candles of the running sweeps, read once per sweep execution. */
    @Bean
    SweepCandles sweepCandles(CandleRepository candles) {
        return new SweepCandles(candles);
    }

    /** Nothing happens before a set; tests replace it to fail a partition. */
    @Bean
    @ConditionalOnMissingBean(SweepSetHook.class)
    SweepSetHook sweepSetHook() {
        return SweepSetHook.NONE;
    }
}
