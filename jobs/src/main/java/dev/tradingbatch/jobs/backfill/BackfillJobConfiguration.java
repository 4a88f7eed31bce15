package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.db.MarketRulesRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.db.RejectedCandleRepository;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.JobRecords;
import dev.tradingbatch.jobs.operations.Progress;
import dev.tradingbatch.readers.ExchangeCandleItemReader;
import dev.tradingbatch.readers.archive.ArchiveCandleItemReader;
import dev.tradingbatch.readers.archive.ArchiveChecksumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import dev.tradingbatch.readers.file.CsvCandleItemReader;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The backfill job: one step reads candles (an exchange page by page, or a CSV file), validates
 * them and stores each new one in chunks; refused rows go to the rejected table. A second step settles
 * the intervals without trades the exchange answered for ({@link SettleNoTradeIntervals}); a third fetches the
 * market's order rules when none are cached or they are a day old ({@link FetchMarketRules}).
 */
@Configuration(proxyBeanMethods = false)
class BackfillJobConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillJobConfiguration.class);

    /** Parameters: see {@link BackfillParameters}. */
    @Bean
    Job backfillCandlesJob(JobRepository jobRepository, Step backfillCandlesStep, Step settleNoTradeIntervalsStep,
                           Step fetchMarketRulesStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.BACKFILL_CANDLES_JOB, jobRepository)
                .listener(jobRecords)
                // the rules first: a trader never evaluates a new series' candles before its rules are cached
                .start(fetchMarketRulesStep)
                .next(backfillCandlesStep)
                .next(settleNoTradeIntervalsStep)
                .build();
    }

    /**
     * Caches the market's order rules (step, minimums) that traders and replays fill under. Outside any
     * transaction: it waits on the exchange, and its one write needs no other.
     */
    @Bean
    Step fetchMarketRulesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              CandleSources sources, MarketRulesRepository rules, Clock clock) {
        return new StepBuilder(JobNames.FETCH_MARKET_RULES_STEP, jobRepository)
                .tasklet(new FetchMarketRules(sources, rules, clock), transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** Records the ranges without trades the exchange answered for as confirmed empty. */
    @Bean
    Step settleNoTradeIntervalsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    GapRepository gaps, DerivedCandleRepository derived,
                                    TradingProperties properties, Clock clock) {
        return new StepBuilder(JobNames.SETTLE_NO_TRADE_INTERVALS_STEP, jobRepository)
                .tasklet(new SettleNoTradeIntervals(gaps, derived, properties.gaps().settle(), clock), transactionManager)
                .build();
    }

    /**
     * Reads, validates and writes candles in chunks ({@link CandleChunks}); its summary becomes the step's exit
     * description. The step is built for each execution with its reader made from the run's parameters
     * ({@link PerExecutionStep}): the step calls the reader itself for every candle, not a step-scoped proxy that
     * looks its target up again on each {@code read()} (a quarter of the job's time in a profile of a
     * million-candle backfill).
     */
    @Bean
    Step backfillCandlesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             CandleSources sources, CandleItemWriter candleItemWriter,
                             TradingProperties properties, Progress progress, Clock clock,
                             DerivedCandleRepository derived) {
        return new PerExecutionStep(JobNames.BACKFILL_CANDLES_STEP, execution -> {
            ItemStreamReader<RawCandle> reader = candleItemReader(sources, execution.getJobParameters());
            return CandleChunks.step(
                        JobNames.BACKFILL_CANDLES_STEP, jobRepository, transactionManager, reader,
                        candleItemWriter, properties.backfill().chunkSize(), progress)
                .listener(new StepExecutionListener() {
                    /** When the exchange was asked: what settles the intervals it left out (market clock). */
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        stepExecution.getJobExecution().getExecutionContext()
                                .putLong(SettleNoTradeIntervals.ASKED_AT, clock.millis());
                    }

                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        if (reader instanceof ExchangeCandleItemReader exchange) {
                            // failed or not: the candles already stored from trades are marked as derived
                            exchange.derived().ifPresent(span -> derived.record(market(stepExecution.getJobParameters()),
                                    span.from(), span.to(), clock.millis()));
                            MarketKey market = market(stepExecution.getJobParameters());
                            exchange.differences().forEach(d -> LOG.warn(
                                    "{}: derived from trades and published differ at {}", market, d));
                        }
                        ExitStatus status = stepExecution.getExitStatus()
                                .addExitDescription(BackfillSummary.of(stepExecution).counts());
                        if (reader instanceof ArchiveCandleItemReader archive && !archive.failures().isEmpty()
                                && stepExecution.getStatus() == BatchStatus.COMPLETED) {
                            // the other files' candles are stored; the step fails naming the files left out, so
                            // that a restart asks for those again (and only those)
                            String failed = String.join("; ", archive.failures());
                            stepExecution.upgradeStatus(BatchStatus.FAILED);
                            stepExecution.addFailureException(new ArchiveChecksumException(failed));
                            return ExitStatus.FAILED.addExitDescription(failed);
                        }
                        return status;
                    }
                })
                .build();
        });
    }

    private static MarketKey market(JobParameters p) {
        return new MarketKey(p.getString("exchange"), p.getString("symbol"), Timeframe.parse(p.getString("timeframe")));
    }

    /** An exchange's pages, Binance's archive files, or a CSV file's rows, for the run's parameters. */
    private static ItemStreamReader<RawCandle> candleItemReader(CandleSources sources, JobParameters p) {
        long from = p.getLong("from");
        long to = p.getLong("to");
        if (BackfillParameters.FILE.equals(p.getString("source"))) {
            return new CsvCandleItemReader(Path.of(p.getString("file")), t -> t >= from && t < to);
        }
        if (BackfillRequest.ARCHIVE.equals(p.getString("via"))) {
            return new ArchiveCandleItemReader(sources.binanceArchive(), sources.get(p.getString("source")),
                    p.getString("symbol"), Timeframe.parse(p.getString("timeframe")), from, to);
        }
        return new ExchangeCandleItemReader(sources.get(p.getString("source")), p.getString("symbol"),
                Timeframe.parse(p.getString("timeframe")), from, to);
    }

    /** Validates and stores candles under the run's market. */
    @Bean
    @StepScope
    CandleItemWriter candleItemWriter(CandleRepository candles, RejectedCandleRepository rejected, Clock clock,
                                      @Value("#{jobParameters['exchange']}") String exchange,
                                      @Value("#{jobParameters['symbol']}") String symbol,
                                      @Value("#{jobParameters['timeframe']}") String timeframe,
                                      @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new CandleItemWriter(new MarketKey(exchange, symbol, Timeframe.parse(timeframe)), candles, rejected, clock, jobExecutionId);
    }
}
