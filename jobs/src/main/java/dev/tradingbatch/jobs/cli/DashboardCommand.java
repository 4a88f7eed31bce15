package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.dashboard.DashboardServer;
import dev.tradingbatch.jobs.dashboard.DashboardUsers;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves the fleet's web dashboard until stopped (Ctrl-C, SIGTERM).",
                "Every strategy side by side, a page per strategy, the markets' coverage and",
                "the recent jobs, read from the database. It listens on trading.dashboard.address",
                "and trading.dashboard.port (127.0.0.1:8090 unless set; see docs/dashboard.md).",
                "Read-only unless trading.dashboard.actions.enabled: then users configured under",
                "trading.dashboard.users sign in to halt, resume and restart, each action recorded."})
class DashboardCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    DashboardCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws InterruptedException {
        // logging stays up until the server has stopped: the command closes the application itself on SIGTERM
        ConfigurableApplicationContext ctx = launcher.with(Map.of("logging.register-shutdown-hook", "false"), Map.of())
                .withoutShutdownHook().withDashboard().start();
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        PrintWriter out = spec.commandLine().getOut();
        boolean actions = DashboardServer.actions(ctx.getEnvironment());
        out.println("dashboard on http://" + ctx.getEnvironment().getProperty("server.address") + ":" + port + "/ ("
                + (actions ? "actions on for " + String.join(", ", DashboardUsers.of(ctx.getBean(TradingProperties.class)
                .dashboard()).stream().map(DashboardUsers.User::name).toList()) + "; every action recorded"
                : "read-only") + "; Ctrl-C stops it)");
        out.flush();
        // SIGTERM: requests in progress end, the server closes, and the process exits 0 as a service should
        Launcher.untilStopped(ctx::close);
        return 0;
    }
}
