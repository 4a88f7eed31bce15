package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.metrics.ScheduleHealthIndicator;
import dev.tradingbatch.jobs.optimize.SweepWorker;
import dev.tradingbatch.jobs.schedule.PlannedRun;
import dev.tradingbatch.jobs.schedule.Role;
import dev.tradingbatch.jobs.schedule.ServiceRunner;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service until SIGTERM: Quartz fires backfills and evaluations.",
                "The backfill of every configured market fires after each candle closes, the gap",
                "fill daily, and each strategy's evaluation after its candle closes. As",
                "--role sweep-worker it runs remote sweeps' partitions (see: docs/optimize.md)."})
class RunCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions options;

    RunCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        // one log line per job run, and what each scheduled fire did, and the schedule this service shares
        // (logging stays up until the service has stopped: it closes itself on SIGTERM)
        Map<String, Object> service = Map.of("logging.level.dev.tradingbatch.jobs.operations.RunLog", "INFO",
                "logging.level.dev.tradingbatch.jobs.schedule", "INFO", "logging.register-shutdown-hook", "false",
                "spring.quartz.scheduler-name", ServiceRunner.clusterName(options.role, options.strategies()));
        if (options.role == Role.SWEEP_WORKER) {
            return sweepWorker(service);
        }
        ConfigurableApplicationContext ctx = launcher.with(service, Map.of()).withoutShutdownHook()
                .withManagementServer().start();
        ServiceRunner runner = ctx.getBean(ServiceRunner.class);
        List<PlannedRun> runs;
        try {
            runs = runner.start(options.role, options.strategies());
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("running as " + options.role.code() + ": " + runs.size() + " scheduled jobs (see: schedule)");
        out.flush();
        // SIGTERM: stop at a chunk boundary, close, and exit 0 within the grace period
        Launcher.untilStopped(() -> {
            runner.stop();
            ctx.close();
        });
        return 0;
    }

    /**
     * {@code run --role sweep-worker}: no schedule, only the partitions of remote sweeps taken from RabbitMQ
     * ({@link SweepWorker}) until SIGTERM, which lets the partitions running end (at most the shutdown grace).
     */
    private int sweepWorker(Map<String, Object> service) throws InterruptedException {
        if (!options.strategies().isEmpty()) {
            throw new BadInputException("--strategy goes with --role trader or all, not sweep-worker");
        }
        Map<String, Object> worker = new HashMap<>(service);
        worker.put("logging.level.dev.tradingbatch.jobs.optimize.SweepWorker", "INFO");
        // the worker's health says whether RabbitMQ answers: the one role that needs it
        worker.put("management.health.rabbit.enabled", "true");
        ConfigurableApplicationContext ctx = launcher.with(worker, Map.of()).withoutShutdownHook()
                .withManagementServer().start();
        SweepWorker sweeps = ctx.getBean(SweepWorker.class);
        SweepWorker.Listening listening;
        try {
            // healthy on its management port without a schedule to check: the database and RabbitMQ answer
            ctx.getBean(ScheduleHealthIndicator.class).watch(Role.SWEEP_WORKER, List.of());
            listening = sweeps.start();
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("running as sweep-worker: " + listening.threads() + " partitions at a time from queue "
                + listening.queue());
        out.flush();
        Launcher.untilStopped(() -> {
            sweeps.stop();
            ctx.close();
        });
        return 0;
    }
}
