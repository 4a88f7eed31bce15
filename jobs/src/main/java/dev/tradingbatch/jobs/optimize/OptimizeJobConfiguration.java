package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.operations.JobRecords;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The sweep job: {@code optimizeStrategyStep} slices the sweep's parameter sets ({@link SetPartitioner}) and runs one
 * {@code optimizeSetsStep} per slice ({@link OptimizeSetsTasklet}) on local threads, as many at a time as the machine
 * has cores. Each slice is a step execution of its own, so a restart runs only the slices that did not complete; the
 * same sweep again is the same job instance, complete, and nothing runs. With {@code --workers remote} the same slices
 * go to {@code run --role sweep-worker} processes instead ({@link RemotePartitions}, {@link SweepWorker}).
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

    /**
     * The manager step: one {@code optimizeSetsStep} per slice of the sets, on the machine's cores, or on the remote
     * workers when the sweep was started with {@code --workers remote}.
     */
    @Bean
    Step optimizeStrategyStep(JobRepository jobRepository, Partitioner setPartitioner, Step optimizeSetsStep,
                              TradingProperties properties, ObjectProvider<ConnectionFactory> connections,
                              ObjectProvider<AmqpTemplate> amqp, ObjectProvider<AmqpAdmin> admin) {
        int threads = Runtime.getRuntime().availableProcessors();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("optimize-");
        executor.setConcurrencyLimit(threads);
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(optimizeSetsStep);
        local.setTaskExecutor(executor);
        local.setGridSize(threads * SLICES_PER_THREAD);
        Supplier<PartitionHandler> remote = SingletonSupplier.of(() -> new RemotePartitions(connections.getObject(),
                amqp.getObject(), admin.getObject(), jobRepository, properties.sweep()));
        return new StepBuilder(JobNames.OPTIMIZE_STRATEGY_STEP, jobRepository)
                .partitioner(JobNames.OPTIMIZE_SETS_STEP, setPartitioner)
                .step(optimizeSetsStep)
                .partitionHandler(new SweepPartitionHandler(local, remote))
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

    /** {@code run --role sweep-worker}'s listener: started by that role only. */
    @Bean
    SweepWorker sweepWorker(ConnectionFactory connections, AmqpAdmin admin, JobRepository jobRepository,
                            Step optimizeSetsStep, SweepCandles sweepCandles, TradingProperties properties) {
        return new SweepWorker(connections, admin, jobRepository, optimizeSetsStep, sweepCandles, properties);
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
