package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.jobs.operations.ExecutionText;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code health}: whether a service of this role is doing its work. Each of its scheduled backfills
 * and evaluations must have a last run that COMPLETED within its window: two timeframes plus the
 * delay (and for an evaluation the wait for the candle). Gap fills are not checked (daily, and may
 * legitimately find nothing to do), nor are the evaluations of a halted strategy (it evaluates nothing on
 * purpose, and a health check that failed would have its container restarted for it).
 */
@Service
public class Health {

    private final SchedulePlan plan;
    private final ExecutionLookup executions;
    private final TradingProperties properties;
    private final Halts halts;

    Health(SchedulePlan plan, ExecutionLookup executions, TradingProperties properties, Halts halts) {
        this.plan = plan;
        this.executions = executions;
        this.properties = properties;
        this.halts = halts;
    }

    /** The problems found; empty when healthy. */
    public List<String> problems(Role role, List<String> strategyIds) {
        List<String> problems = new ArrayList<>();
        for (PlannedRun run : plan.plan(role, strategyIds)) {
            switch (run.kind()) {
                case BACKFILL -> {
                    check(problems, run.name(), executions.last(JobNames.BACKFILL_CANDLES_JOB, Map.of("exchange",
                            run.market().exchange(), "symbol", run.market().symbol(), "timeframe",
                            run.market().timeframe().code()), null), window(run, false));
                    run.strategies().stream().filter(this::running).forEach(id -> check(problems, "evaluate " + id, executions.last(
                            JobNames.EVALUATE_STRATEGY_JOB, Map.of("strategy", id), null), window(run, true)));
                }
                case EVALUATE -> {
                    if (running(run.strategy())) {
                        check(problems, run.name(), executions.last(JobNames.EVALUATE_STRATEGY_JOB,
                                Map.of("strategy", run.strategy()), null), window(run, true));
                    }
                }
                case FILL_GAPS, RETENTION, RECONCILE, ALERTS, DRIFT -> { }
            }
        }
        return problems;
    }

    /** Whether the strategy is meant to be evaluated: it is not halted. */
    private boolean running(String strategyId) {
        return halts.haltOf(strategyId).isEmpty();
    }

    private Duration window(PlannedRun run, boolean evaluation) {
        Duration w = Duration.ofMillis(2 * run.market().timeframe().millis()).plus(properties.schedule().delay());
        return evaluation ? w.plus(properties.schedule().waitForCandle()) : w;
    }

    private void check(List<String> problems, String what, Optional<JobExecution> last, Duration window) {
        if (last.isEmpty()) {
            problems.add(what + ": has not run yet");
            return;
        }
        JobExecution e = last.get();
        if (e.getStatus() != BatchStatus.COMPLETED) {
            problems.add(what + ": last run (execution " + e.getId() + ") is " + e.getStatus() + ": "
                    + ExecutionText.firstLine(e.getExitStatus().getExitDescription()));
            return;
        }
        Duration age = Duration.between(e.getEndTime(), LocalDateTime.now());
        if (age.compareTo(window) > 0) {
            problems.add(what + ": last completed " + age.toMinutes() + " min ago (expected within "
                    + window.toMinutes() + " min)");
        }
    }
}
