package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.Accounts;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.jobs.operations.JobStart;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reconcile}: runs {@code reconcileAccountJob} for one declared account or each of them, and says what each
 * run found. Each run is a job instance of its own (identified by the account and the wall-clock time it started):
 * a reconciliation asks the exchange now, so an earlier one, failed or not, is never continued.
 */
@Service
public class ReconcileService {

    /**
     * What one account's reconciliation came to.
     *
     * @param run        the job run, empty when it could not start ({@code notStarted} says why)
     * @param summary    what a completed run did, in one phrase
     * @param lines      what it settled and compared, one line each
     * @param shortfalls assets the exchange holds less of than the ledgers' sum, beyond the tolerance
     */
    public record Outcome(String account, Optional<JobRun> run, Optional<String> notStarted, String summary,
                          List<String> lines,
                          int shortfalls) {

        /** Reconciled, and the balances cover the ledgers: exit code 0. */
        public boolean clean() {
            return run.map(JobRun::completed).orElse(false) && shortfalls == 0;
        }
    }

    private final Accounts accounts;
    private final JobLaunches launches;
    private final Job job;

    ReconcileService(Accounts accounts, JobLaunches launches, @Qualifier(JobNames.RECONCILE_ACCOUNT_JOB) Job job) {
        this.accounts = accounts;
        this.launches = launches;
        this.job = job;
    }

    /** Reconciles the account named (bad input when it is not declared), or every declared account when null. */
    public List<Outcome> reconcile(String accountName) {
        List<Account> which = accountName == null ? accounts.all() : List.of(accounts.get(accountName));
        List<Outcome> outcomes = new ArrayList<>();
        for (Account a : which) {
            outcomes.add(reconcile(a));
        }
        return outcomes;
    }

    private Outcome reconcile(Account account) {
        JobStart start = launches.start(job, new JobParametersBuilder()
                .addString("account", account.name())
                .addLong("started", System.currentTimeMillis())   // wall clock: a new run each time, whatever trading.now says
                .toJobParameters());
        return switch (start) {
            case JobStart.Ran ran -> new Outcome(account.name(), Optional.of(ran.run()), Optional.empty(),
                    ran.execution().getExecutionContext().getString(ReconcileAccountTasklet.SUMMARY, ""),
                    ReconcileAccountTasklet.lines(ran.execution().getExecutionContext()),
                    ran.execution().getExecutionContext().getInt(ReconcileAccountTasklet.SHORTFALLS, 0));
            case JobStart.AlreadyRunning r -> notStarted(account, "a reconciliation of the account runs already");
            case JobStart.AlreadyCompleted c -> notStarted(account, c.message());
            case JobStart.Refused r -> notStarted(account, r.message());
        };
    }

    private static Outcome notStarted(Account account, String why) {
        return new Outcome(account.name(), Optional.empty(), Optional.of(why), "", List.of(), 0);
    }
}
