package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.DashboardAction;
import dev.tradingbatch.db.DashboardActionRepository;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.Failures;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.jobs.halt.Resumed;
import dev.tradingbatch.jobs.operations.ExecutionText;
import dev.tradingbatch.jobs.operations.JobsService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What a signed-in person may do from the dashboard, each recorded in {@code dashboard_actions} where it is done:
 * halt and resume a strategy (the action and its row in one transaction, so neither is there without the other), and
 * restart a failed job execution, checked at once and then run in the background, one at a time in this process,
 * its row saying {@code started} until the run ends. Refused input (an unknown strategy, a COMPLETED execution) is
 * recorded too, as {@code refused}: who tried what.
 */
@Service
@Conditional(DashboardServer.ActionsOn.class)
class DashboardActions implements DisposableBean {

    /** The longest target kept: a strategy id or an execution id, whatever was posted. */
    private static final int MAX_TARGET = 200;

    private final Halts halts;
    private final JobsService jobs;
    private final DashboardActionRepository audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Restarts run here, one after the other, so that a page answers at once. */
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-restart");
        t.setDaemon(true);
        return t;
    });

    DashboardActions(Halts halts, JobsService jobs, DashboardActionRepository audit,
                     PlatformTransactionManager transactionManager, Clock clock) {
        this.halts = halts;
        this.jobs = jobs;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Halts a declared strategy; {@code reason} blank: "from the dashboard by USER". The recorded row's id. */
    long halt(String user, String strategyId, String reason) {
        String why = reason == null || reason.isBlank() ? "from the dashboard by " + user : reason;
        return inTransaction(user, "halt", strategyId, () -> {
            StrategyHalt h = halts.halt(strategyId, why);
            return strategyId + ": " + HaltText.of(h);
        });
    }

    /** Lifts a strategy's own halt. The recorded row's id. */
    long resume(String user, String strategyId) {
        return inTransaction(user, "resume", strategyId, () -> {
            Resumed r = halts.resume(strategyId);
            String text = r.lifted().isEmpty() ? strategyId + " had no halt of its own" : strategyId + ": resumed";
            return text + r.stillHalted().map(h -> "; still " + HaltText.of(h) + " (resume --all lifts it)").orElse("");
        });
    }

    /**
     * Restarts a FAILED or STOPPED execution in the background once it is found restartable; refused at once
     * otherwise. The recorded row's id: it says {@code started}, then how the run ended.
     */
    long restart(String user, long executionId) {
        String target = String.valueOf(executionId);
        try {
            jobs.recoverStale();
            jobs.restartable(executionId);
        } catch (BadInputException refused) {
            return audit.record(row(user, "restart", target, "refused", refused.getMessage()));
        }
        long id = audit.record(row(user, "restart", target, "started",
                "restarting execution " + executionId + " (reload the page to see how it ends)"));
        restarts.execute(() -> {
            try {
                JobsService.Restarted r = jobs.restart(executionId);
                String ended = "restarted execution " + executionId + " of " + r.jobName() + " as execution "
                        + r.run().getId() + ": " + r.run().getStatus();
                audit.finish(id, r.completed() ? "done" : "failed", r.completed() ? ended
                        : ended + ": " + ExecutionText.firstLine(r.run().getExitStatus().getExitDescription()));
            } catch (BadInputException refused) {
                audit.finish(id, "refused", refused.getMessage());
            } catch (RuntimeException e) {
                audit.finish(id, "failed", "restarting execution " + executionId + " failed: " + Failures.message(e));
            }
        });
        return id;
    }

    /** The action and its row in one transaction; input refused: its row alone, saying why. */
    private long inTransaction(String user, String action, String target, Supplier<String> done) {
        try {
            return transaction.execute(status -> audit.record(row(user, action, target, "done", done.get())));
        } catch (BadInputException refused) {
            return audit.record(row(user, action, target, "refused", refused.getMessage()));
        }
    }

    private DashboardAction row(String user, String action, String target, String outcome, String message) {
        String t = target.length() > MAX_TARGET ? target.substring(0, MAX_TARGET) : target;
        return new DashboardAction(0, clock.millis(), user, action, t, outcome, message);
    }

    /** A restart still running goes with the process, as a killed {@code jobs restart} does (restartable again). */
    @Override
    public void destroy() {
        restarts.shutdownNow();
    }
}
