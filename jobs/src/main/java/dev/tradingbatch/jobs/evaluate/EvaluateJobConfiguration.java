package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.live.AccountService;
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
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The evaluation job, one run per strategy_id and newest closed candle: {@code evaluateStrategyStep}
 * ({@link EvaluateStrategyTasklet}) evaluates every candle from the run's first one and stores the trades on
 * candles not evaluated before (a trade is stored once: a restart or a second run for the same candle adds nothing),
 * a live strategy's as intents; then {@code sendOrdersStep} ({@link SendOrdersTasklet}) sends a live strategy's
 * intents and writes its trades from the exchange's fills. A restart of a FAILED run skips the completed
 * evaluation and runs the send step again.
 */
@Configuration(proxyBeanMethods = false)
class EvaluateJobConfiguration {

    /** Job execution context keys: what the run did, and what the next run continues from. */
    static final String FIRST = "evaluate.first";
    static final String LAST = "evaluate.last";
    static final String PARAMS = "evaluate.params";
    /** {@link DeclaredStrategy#identity()} of the run: a change starts a new segment. */
    static final String DECLARATION = "evaluate.declaration";
    /** {@link dev.tradingbatch.model.MarketRules#text()} of the market's rules the run used: a change starts a new segment. */
    static final String RULES = "evaluate.rules";
    /** The first candle the run loaded and how many it loaded through its last: a change means candles came late. */
    static final String LOADED_FROM = "evaluate.loadedFrom";
    static final String CANDLES = "evaluate.candles";
    static final String RESTORED = "evaluate.restored";
    static final String TRADES = "evaluate.trades";
    static final String EVALUATED = "evaluate.evaluated";
    /** Why the run started a new segment ({@link EvaluationResult.Restart.Why}); absent when it continued one. */
    static final String RESTART = "evaluate.restart";

    /** Parameters: see {@link EvaluateService}. */
    @Bean
    Job evaluateStrategyJob(JobRepository jobRepository, Step evaluateStrategyStep, Step sendOrdersStep,
                            JobRecords jobRecords) {
        return new JobBuilder(JobNames.EVALUATE_STRATEGY_JOB, jobRepository)
                .listener(jobRecords)
                .listener(new EvaluateRunSummary())
                .start(evaluateStrategyStep)
                .next(sendOrdersStep)
                .build();
    }

    /**
     * Outside any transaction too: each answer of the exchange is committed before the next request leaves (a send
     * is counted before it is made), so a crash anywhere leaves rows that say what may have happened.
     */
    @Bean
    Step sendOrdersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        SendOrdersTasklet sendOrdersTasklet) {
        return new StepBuilder(JobNames.SEND_ORDERS_STEP, jobRepository)
                .tasklet(sendOrdersTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** Sends a live strategy's orders and applies their fills to its ledger; nothing for a paper strategy. */
    @Bean
    SendOrdersTasklet sendOrdersTasklet(DeclaredStrategies declared, AccountService accounts,
                                        LiveOrderRepository orders, LiveFillRepository fills, TradeRepository trades,
                                        PlatformTransactionManager transactionManager, Clock clock,
                                        TradingProperties properties) {
        return new SendOrdersTasklet(declared, accounts, orders, fills, trades,
                new TransactionTemplate(transactionManager), clock, properties.live());
    }

    /** The tasklet runs outside any transaction: it reads candles without one and writes its trades in a short one. */
    @Bean
    Step evaluateStrategyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              EvaluateStrategyTasklet evaluateStrategyTasklet) {
        return new StepBuilder(JobNames.EVALUATE_STRATEGY_STEP, jobRepository)
                .tasklet(evaluateStrategyTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** Evaluates the run's strategy and stores its live trades. */
    @Bean
    EvaluateStrategyTasklet evaluateStrategyTasklet(DeclaredStrategies declared, CandleRepository candles,
                                                    EvaluateAndStore evaluateAndStore, CarriedPositions carried) {
        return new EvaluateStrategyTasklet(declared, candles, evaluateAndStore, carried);
    }
}
