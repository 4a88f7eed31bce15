package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.jobs.ledger.Positions;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.Accounts;
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

/** {@code reconcileAccountJob}: one account's orders, ledgers and balances brought together ({@link ReconcileService}). */
@Configuration(proxyBeanMethods = false)
class ReconcileJobConfiguration {

    /** Parameters: {@code account} and {@code started} (each reconciliation is a run of its own). */
    @Bean
    Job reconcileAccountJob(JobRepository jobRepository, Step reconcileAccountStep, JobRecords jobRecords) {
        return new JobBuilder(JobNames.RECONCILE_ACCOUNT_JOB, jobRepository)
                .listener(jobRecords)
                .start(reconcileAccountStep)
                .build();
    }

    /** Outside any transaction: each answer of the exchange is committed as it comes, as the send step does. */
    @Bean
    Step reconcileAccountStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              ReconcileAccountTasklet reconcileAccountTasklet) {
        return new StepBuilder(JobNames.RECONCILE_ACCOUNT_STEP, jobRepository)
                .tasklet(reconcileAccountTasklet, transactionManager)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    /** The step's work: ask, settle, compare, maybe halt. */
    @Bean
    ReconcileAccountTasklet reconcileAccountTasklet(Accounts accounts, AccountService accountService,
                                                    DeclaredStrategies declared, LiveOrderRepository orders,
                                                    LiveFillRepository fills, TradeRepository trades,
                                                    PlatformTransactionManager transactionManager, Positions positions,
                                                    Halts halts, Clock clock) {
        return new ReconcileAccountTasklet(accounts, accountService, declared, orders, fills, trades,
                new TransactionTemplate(transactionManager), positions, halts, clock);
    }
}
