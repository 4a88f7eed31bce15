package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.schedule.PlannedRun;
import dev.tradingbatch.jobs.schedule.SchedulePlan;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Lists what a service of a role would fire, and when, with this configuration.")
class ScheduleCommand implements Callable<Integer> {

    private static final String ROW = "%-40s %-24s %-22s %s";

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions options;

    ScheduleCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            List<PlannedRun> runs = ctx.getBean(SchedulePlan.class).plan(options.role, options.strategies());
            PrintWriter out = spec.commandLine().getOut();
            if (runs.isEmpty()) {
                out.println("nothing to schedule: configure trading.markets and trading.strategies (see docs/configuration.md)");
                return 0;
            }
            out.println(String.format(ROW, "JOB", "FIRES", "NEXT (UTC)", "THEN"));
            for (PlannedRun r : runs) {
                String every = r.every() == null ? "" : r.every().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
                String fires = r.cron() != null ? "cron " + r.cron() : r.kind() == PlannedRun.Kind.DRIFT
                        ? "every " + every : r.market() == null ? "at start, every " + every
                        : "every " + r.market().timeframe().code() + " after close";
                String then = r.kind() == PlannedRun.Kind.DRIFT ? "compares " + (r.strategies().isEmpty()
                        ? "every declared strategy" : String.join(", ", r.strategies()))
                        : r.strategies().isEmpty() ? "" : "evaluates " + String.join(", ", r.strategies());
                out.println(String.format(ROW, r.name(), fires, r.firstFire(), then).stripTrailing());
            }
            return 0;
        }
    }
}
