package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.reconcile.ReconcileService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Brings each live account's ledgers up to what its exchange did and checks its balances.",
                "Orders whose outcome is not known are asked for, accepted ones settled into their strategies'",
                "ledgers; then each base asset's balance is compared with the sum of the ledgers. A shortfall",
                "is reported (and with on-mismatch: halt halts the account's strategies): exit code 1, as for",
                "a failed run."})
class ReconcileCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--account", paramLabel = "NAME", description = "one account of trading.accounts; default: each")
    String account;

    ReconcileCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            List<ReconcileService.Outcome> outcomes = ctx.getBean(ReconcileService.class).reconcile(account);
            outcomes.forEach(o -> lines(o).forEach(spec.commandLine().getOut()::println));
            if (outcomes.isEmpty()) {
                spec.commandLine().getOut().println("reconcile: no account declared under trading.accounts");
            }
            return outcomes.stream().allMatch(ReconcileService.Outcome::clean) ? 0 : 1;
        }
    }

    private static List<String> lines(ReconcileService.Outcome o) {
        List<String> lines = new ArrayList<>();
        if (o.run().isEmpty()) {
            lines.add("reconcile " + o.account() + ": not started, " + o.notStarted().orElse(""));
            return lines;
        }
        var run = o.run().get();
        if (!run.completed()) {
            lines.add("reconcile " + o.account() + ": " + run.status() + ", execution " + run.executionId());
            lines.add(RunText.failed(run.exitDescription()));
            return lines;
        }
        lines.add("reconcile " + o.account() + ": " + o.summary() + " (" + run.status() + ", execution "
                + run.executionId() + ")");
        o.lines().forEach(l -> lines.add("  " + l));
        return lines;
    }
}
