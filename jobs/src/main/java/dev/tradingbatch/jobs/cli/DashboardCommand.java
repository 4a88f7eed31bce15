package dev.tradingbatch.jobs.cli;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves the fleet's web dashboard, read-only, until stopped (Ctrl-C, SIGTERM).",
                "Every strategy side by side, a page per strategy, the markets' coverage and",
                "the recent jobs, read from the database. It listens on trading.dashboard.address",
                "and trading.dashboard.port (127.0.0.1:8090 unless set; see docs/dashboard.md)."})
class DashboardCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    DashboardCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws InterruptedException {
        // the server stops when the JVM does: the application's shutdown hook closes it, which ends the wait below
        ConfigurableApplicationContext ctx = launcher.withDashboard().start();
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        String address = ctx.getEnvironment().getProperty("server.address");
        PrintWriter out = spec.commandLine().getOut();
        out.println("dashboard on http://" + address + ":" + port + "/ (read-only; Ctrl-C stops it)");
        out.flush();
        CountDownLatch closed = new CountDownLatch(1);
        ctx.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        closed.await();
        return 0;
    }
}
