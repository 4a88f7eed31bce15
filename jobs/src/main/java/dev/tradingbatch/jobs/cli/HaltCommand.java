package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.halt.Closed;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.jobs.halt.Halts;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "halt", mixinStandardHelpOptions = true,
        description = {"Stops a strategy, or all of them, from trading until resume, in every process.",
                "Stored in the database: each process reads it before its next evaluation,",
                "which then evaluates nothing and says so (exit code 0). --all also covers",
                "strategies declared later.",
                "--close then closes each halted strategy's position: a live one's intents",
                "not sent are rejected and what its own ledger holds is sold with one market",
                "order; a paper one's position is sold on paper at the newest stored close.",
                "Exit code 1 when an order of the close failed (the halt stays; halt --close",
                "again asks the exchange for it before sending anything)."})
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

    @Option(names = "--close", description = "also close each halted strategy's position (docs/live.md)")
    boolean close;

    HaltCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        StrategyTarget.check(strategy, all);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            Halts halts = ctx.getBean(Halts.class);
            StrategyHalt halt = halts.halt(all ? null : strategy, reason);
            PrintWriter out = spec.commandLine().getOut();
            out.println((halt.all() ? "every strategy" : halt.strategyId()) + ": " + HaltText.of(halt) + "; "
                    + HaltText.resume(halt) + " lifts it");
            if (!close) {
                return 0;
            }
            List<Closed> closed = halts.close(halt);
            closed.forEach(c -> out.println("  " + c.strategyId() + ": " + c.text()));
            return closed.stream().anyMatch(Closed::failed) ? 1 : 0;
        }
    }
}
