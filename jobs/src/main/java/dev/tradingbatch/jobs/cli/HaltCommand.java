package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.jobs.halt.Halts;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "halt", mixinStandardHelpOptions = true,
        description = {"Stops a strategy, or all of them, from trading until resume, in every process.",
                "Stored in the database: each process reads it before its next evaluation, which then evaluates",
                "nothing and says so (exit code 0). --all also covers strategies declared later. Orders already",
                "sent stay on the exchange (halt --close is not built yet: docs/live.md)."})
class HaltCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--all", description = "every strategy, those declared later too, until resume --all")
    boolean all;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, one line: shown wherever the halt is")
    String reason;

    HaltCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        StrategyTarget.check(strategy, all);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            StrategyHalt halt = ctx.getBean(Halts.class).halt(all ? null : strategy, reason);
            spec.commandLine().getOut().println((halt.all() ? "every strategy" : halt.strategyId()) + ": "
                    + HaltText.of(halt) + "; " + HaltText.resume(halt) + " lifts it");
            return 0;
        }
    }
}
