package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.backfill.CandleChunks;
import dev.tradingbatch.jobs.backfill.CandleSources;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.JobRecords;
import dev.tradingbatch.jobs.operations.Progress;
import dev.tradingbatch.readers.GapRangeItemReader;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * The gap fill job: {@code fillGapsStep} asks the exchange for each missing range of one series (fixed
 * when the run starts) and stores what comes back; {@code recordGapAsksStep} then records, per range,
 * what the exchange answered, confirming as empty a range answered empty {@code trading.gaps.max-asks} times.
 */
@Configuration(proxyBeanMethods = false)
class FillGapsJobConfiguration {

    /** Parameters: see {@link FillGapsParameters}. */
    @Bean
    Job fillGapsJob(JobRepository jobRepository, Step fillGapsStep, Step recordGapAsksStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.FILL_GAPS_JOB, jobRepository)
                .listener(jobRecords)
                .start(fillGapsStep)
                .next(recordGapAsksStep)
                .build();
    }

    /** Reads the missing ranges page by page and stores the candles like a backfill does. */
    @Bean
    Step fillGapsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                      GapRangeItemReader gapRangeItemReader, CandleItemWriter candleItemWriter,
                      TradingProperties properties, Progress progress, DerivedCandleRepository derived,
                      Clock clock) {
        return CandleChunks.step(JobNames.FILL_GAPS_STEP, jobRepository, transactionManager, gapRangeItemReader,
                        candleItemWriter, properties.backfill().chunkSize(), progress)
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        // failed or not: the candles already stored from trades are marked as derived
                        MarketKey market = FillGapsParameters.market(stepExecution.getJobParameters());
                        GapRangeItemReader.derived(stepExecution.getExecutionContext())
                                .forEach(r -> derived.record(market, r.start(), r.end(), clock.millis()));
                        return stepExecution.getExitStatus().addExitDescription(
                                GapRangeItemReader.ranges(stepExecution.getExecutionContext()).size()
                                        + " ranges asked, " + BackfillSummary.of(stepExecution).counts());
                    }
                })
                .build();
    }

    /** Records what each asked range brought back, once every range has been asked. */
    @Bean
    Step recordGapAsksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           GapAsks gapAsks) {
        return new StepBuilder(JobNames.RECORD_GAP_ASKS_STEP, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    // on a restart after this step failed, the fill step ran in an earlier execution
                    StepExecution fill = jobRepository.getLastStepExecution(
                            step.getJobExecution().getJobInstance(), JobNames.FILL_GAPS_STEP);
                    GapAsks.Outcome outcome = gapAsks.record(FillGapsParameters.market(step.getJobParameters()),
                            fill.getExecutionContext(), step.getJobExecutionId());
                    step.getExecutionContext().putString(GapAsks.OUTCOME, outcome.text());
                    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(outcome.text()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /** The missing ranges of the run's series, from the gap list when the run first starts. */
    @Bean
    @StepScope
    GapRangeItemReader gapRangeItemReader(CandleSources sources, GapRepository gaps, Clock clock,
                                          @Value("#{jobParameters['exchange']}") String exchange,
                                          @Value("#{jobParameters['symbol']}") String symbol,
                                          @Value("#{jobParameters['timeframe']}") String timeframe,
                                          @Value("#{jobParameters['from']}") Long from,
                                          @Value("#{jobParameters['to']}") Long to) {
        MarketKey market = new MarketKey(exchange, symbol, Timeframe.parse(timeframe));
        return new GapRangeItemReader(sources.get(exchange), symbol, market.timeframe(),
                () -> GapFills.rangesToAsk(gaps, sources.get(exchange), market, from, to, clock.millis()));
    }
}
