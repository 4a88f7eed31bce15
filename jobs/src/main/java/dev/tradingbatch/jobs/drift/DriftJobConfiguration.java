package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
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

import java.time.Clock;

/** {@code driftJob}: every strategy's drift computed and stored ({@link DriftScores}). */
@Configuration(proxyBeanMethods = false)
class DriftJobConfiguration {

    /** Parameters: {@code strategies} (none: every declared one) and {@code started} (each run is one of its own). */
    @Bean
    Job driftJob(JobRepository jobRepository, Step driftScoresStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.DRIFT_JOB, jobRepository)
                .listener(jobRecords)
                .start(driftScoresStep)
                .build();
    }

    /**
     * Outside any transaction, as a replay: the comparison reads and computes without taking the write lock; each
     * strategy's row is one short write.
     */
    @Bean
    Step driftScoresStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         DriftScoresTasklet driftScoresTasklet) {
        return new StepBuilder(JobNames.DRIFT_SCORES_STEP, jobRepository)
                .tasklet(driftScoresTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** The step's work: one strategy compared and stored per call. */
    @Bean
    DriftScoresTasklet driftScoresTasklet(DriftService driftService, DeclaredStrategies declared,
                                          DriftScoreRepository scores, Clock clock) {
        return new DriftScoresTasklet(driftService, declared, scores, clock);
    }
}
