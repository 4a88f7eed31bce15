package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.ledger.Positions;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "positions", mixinStandardHelpOptions = true,
        description = {"Shows each live strategy's position and each account's balances beside its ledgers.",
                "A strategy's position: the base quantity its accepted orders bought minus what they sold. Per",
                "account, the exchange's balances (a signed request, now) beside the sum of its strategies'",
                "positions, and the difference. Exit code 1 when an account's balances could not be had."})
class PositionsCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    PositionsCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            Positions.Report report = ctx.getBean(Positions.class).now();
            LedgerText.positions(report).forEach(spec.commandLine().getOut()::println);
            return report.complete() ? 0 : 1;
        }
    }
}
