package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.Failures;
import dev.tradingbatch.jobs.schedule.Health;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Exits 0 when the role's scheduled jobs are on time, else 1 (for health checks).",
                "Healthy: the database opens and the role's last scheduled jobs completed within",
                "their expected window. Otherwise one line per problem says what is late."})
class HealthCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions options;

    HealthCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigurableApplicationContext ctx;
        try {
            ctx = launcher.start();
        } catch (RuntimeException e) {
            if (isBadInput(e)) {
                throw e;
            }
            out.println("unhealthy: the database does not open: " + Failures.message(e));
            return 1;
        }
        try (ctx) {
            List<String> problems = ctx.getBean(Health.class).problems(options.role, options.strategies());
            if (problems.isEmpty()) {
                out.println("healthy");
                return 0;
            }
            problems.forEach(p -> out.println("unhealthy: " + p));
            return 1;
        }
    }

    private static boolean isBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException) {
                return true;
            }
        }
        return false;
    }
}
