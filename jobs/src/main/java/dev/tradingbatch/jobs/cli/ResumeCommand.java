package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.jobs.halt.Resumed;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Lifts a halt: a strategy's own, or with --all every halt there is.",
                "A strategy halted by halt --all stays halted after resume --strategy until resume --all."})
class ResumeCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--all", description = "lifts every halt: the one of all strategies and each strategy's own")
    boolean all;

    ResumeCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        StrategyTarget.check(strategy, all);
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            Resumed r = ctx.getBean(Halts.class).resume(all ? null : strategy);
            if (r.lifted().isEmpty()) {
                out.println(all ? "no strategy was halted" : r.strategyId() + " had no halt of its own");
            }
            for (StrategyHalt h : r.lifted()) {
                out.println((h.all() ? "every strategy" : h.strategyId()) + ": resumed (was " + HaltText.of(h) + ")");
            }
            r.stillHalted().ifPresent(h -> out.println(r.strategyId() + ": still " + HaltText.of(h) + "; "
                    + HaltText.resume(h) + " lifts it"));
            return 0;
        }
    }
}
