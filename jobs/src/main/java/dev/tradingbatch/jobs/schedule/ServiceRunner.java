package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.db.FiredTriggerRepository;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.metrics.FleetGauges;
import dev.tradingbatch.jobs.metrics.ScheduleHealthIndicator;
import dev.tradingbatch.jobs.operations.Heartbeats;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * Runs a service: puts its planned runs into Quartz (rebuilt from configuration at every start: in
 * memory on SQLite, shared by the instances of the service on PostgreSQL), fires each backfill and evaluation once at start so the first runs
 * catch up on everything missed while the service was down, and stops cleanly: no new fires, running
 * jobs asked to stop at their next chunk boundary (they end STOPPED and can be restarted), at most
 * {@code trading.schedule.shutdown-grace} of waiting.
 */
@Component
public class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private final SchedulePlan plan;
    private final JobOperator jobOperator;
    private final Heartbeats heartbeats;
    private final TradingProperties properties;
    private final Clock clock;
    private final FiredTriggerRepository firedTriggers;
    private final FleetGauges gauges;
    private final ScheduleHealthIndicator health;

    ServiceRunner(Scheduler scheduler, SchedulePlan plan, JobOperator jobOperator, Heartbeats heartbeats,
                  TradingProperties properties, Clock clock, FiredTriggerRepository firedTriggers, FleetGauges gauges,
                  ScheduleHealthIndicator health) {
        this.firedTriggers = firedTriggers;
        this.gauges = gauges;
        this.health = health;
        this.scheduler = scheduler;
        this.plan = plan;
        this.jobOperator = jobOperator;
        this.heartbeats = heartbeats;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Schedules the role's runs and starts firing; returns what was scheduled. On PostgreSQL the
     * schedule is shared by the instances of the same service (one Quartz cluster per role and
     * strategy selection, see {@link #clusterName}): each instance puts the same jobs and triggers,
     * replacing what is stored, and removes the stored jobs the configuration no longer has.
     */
    public List<PlannedRun> start(Role role, List<String> strategyIds) throws SchedulerException {
        List<PlannedRun> runs = plan.plan(role, strategyIds);
        Set<JobKey> planned = new HashSet<>();
        for (PlannedRun run : runs) {
            JobDetail job = JobBuilder.newJob(ScheduledJob.class).withIdentity(run.name()).storeDurably()
                    // a fire under way on an instance that dies is fired again by another instance of the cluster
                    .requestRecovery()
                    .usingJobData(ScheduledJob.KIND, run.kind().name())
                    .usingJobData(ScheduledJob.EXCHANGE, run.market() == null ? "" : run.market().exchange())
                    .usingJobData(ScheduledJob.SYMBOL, run.market() == null ? "" : run.market().symbol())
                    .usingJobData(ScheduledJob.TIMEFRAME, run.market() == null ? "" : run.market().timeframe().code())
                    .usingJobData(ScheduledJob.ACCOUNT, run.account() == null ? "" : run.account())
                    .usingJobData(ScheduledJob.STRATEGY, run.strategy() == null ? "" : run.strategy())
                    .usingJobData(ScheduledJob.CHAINED, String.join(",", run.strategies()))
                    .build();
            planned.add(job.getKey());
            Set<Trigger> triggers = new HashSet<>();
            triggers.add(regular(run, job.getKey()));
            if (run.kind() == PlannedRun.Kind.BACKFILL || run.kind() == PlannedRun.Kind.EVALUATE
                    || run.kind() == PlannedRun.Kind.RECONCILE || run.kind() == PlannedRun.Kind.ALERTS) {
                triggers.add(TriggerBuilder.newTrigger().withIdentity(run.name() + " (catch-up)")
                        .forJob(job.getKey()).startNow().build());
            }
            scheduler.scheduleJob(job, triggers, true);
        }
        for (JobKey stored : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
            if (!planned.contains(stored)) {
                log.info("removing scheduled job {}: no longer configured", stored.getName());
                scheduler.deleteJob(stored);
            }
        }
        // the metrics of what this service keeps, its series and strategies, and its health (docs/operations.md, "Metrics")
        gauges.register(runs);
        health.watch(role, strategyIds);
        scheduler.start();
        return runs;
    }

    /**
     * The Quartz scheduler name of a service: instances with the same role and strategies share their
     * schedule on PostgreSQL (clustered job store), so each trigger fires on one of them; services with
     * other roles or strategies keep schedules of their own. Unused on SQLite (a schedule per process).
     */
    public static String clusterName(Role role, List<String> strategyIds) {
        String name = "trading-batch " + role.name().toLowerCase(Locale.ROOT)
                + (strategyIds.isEmpty() ? "" : " " + String.join(",", strategyIds.stream().sorted().distinct().toList()));
        if (name.length() <= 120) {   // Quartz's SCHED_NAME column
            return name;
        }
        return name.substring(0, 100) + " #" + Integer.toHexString(name.hashCode());
    }

    /** The trigger of a run's regular fires; market time is turned into wall time for Quartz. */
    private Trigger regular(PlannedRun run, JobKey job) {
        TriggerBuilder<Trigger> t = TriggerBuilder.newTrigger().withIdentity(run.name()).forJob(job)
                .startAt(wallTime(run));
        if (run.cron() != null) {
            return t.withSchedule(CronScheduleBuilder.cronSchedule(run.cron()).inTimeZone(TimeZone.getTimeZone("UTC"))
                    .withMisfireHandlingInstructionFireAndProceed()).build();
        }
        // a fire held back by a long job (one job at a time) runs as soon as the worker is free, never skipped
        return t.withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(run.every().toMillis())
                .repeatForever().withMisfireHandlingInstructionNowWithExistingCount()).build();
    }

    private Date wallTime(PlannedRun run) {
        return new Date(System.currentTimeMillis() + Duration.between(clock.instant(), run.firstFire()).toMillis());
    }

    /** When each job fires next (wall time), for logs and tests. */
    public Date nextFire(String runName) throws SchedulerException {
        Trigger t = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(runName));
        return t == null ? null : t.getNextFireTime();
    }

    /** Fires a run now, as its trigger would. */
    public void fireNow(String runName) throws SchedulerException {
        scheduler.triggerJob(JobKey.jobKey(runName));
    }

    /**
     * Waits, at most {@link #RELEASE_WAIT}, until Quartz's scheduler thread has handed back the trigger it
     * had acquired for its next fire (it does so once paused). With the JDBC job store (PostgreSQL) a
     * trigger still acquired when the store shuts down stays so until another instance finds this one
     * dead, and Quartz logs the failed hand-back as an error.
     */
    private void awaitAcquiredTriggersReleased() {
        try {
            if (!scheduler.getMetaData().isJobStoreSupportsPersistence()) {
                return;
            }
            long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
            while (firedTriggers.acquired(scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId()) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (SchedulerException | RuntimeException e) {
            log.warn("could not check the scheduler's acquired triggers: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops firing, asks running jobs to stop at a chunk boundary and waits for them, at most the grace period. */
    public void stop() {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            log.warn("scheduler did not pause: {}", e.getMessage());
        }
        Set<Long> running = heartbeats.running();
        for (Long id : running) {
            try {
                jobOperator.stop(id);
                log.info("asked execution {} to stop at its next chunk boundary", id);
            } catch (Exception e) {
                log.warn("execution {} did not take the stop request: {}", id, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + properties.schedule().shutdownGrace().toNanos();
        while (!heartbeats.running().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!heartbeats.running().isEmpty()) {
            log.warn("executions {} still running after the grace period: they will be found dead and can be restarted",
                    heartbeats.running());
        }
        awaitAcquiredTriggersReleased();
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("scheduler did not shut down: {}", e.getMessage());
        }
    }
}
