package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.report.ReportSort;
import dev.tradingbatch.jobs.report.Reports;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Shows how the declared strategies did: pnl, win rate, return, max drawdown.",
                "With --strategy, one strategy in detail: its trades, open position and the",
                "reference performance query (Query 2 of docs/database.md); without it, every",
                "declared strategy side by side."})
class ReportCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "STRATEGY_ID", description = "only this strategy, in detail")
    String strategy;

    @Option(names = "--run", paramLabel = "RUN_ID", defaultValue = RunIds.LIVE,
            description = "the run whose trades count: live (default) or a backtest's run id")
    String run;

    @Option(names = "--sort", paramLabel = "ORDER",
            description = "order of the table of all strategies: pnl (default, best first), win-rate (best first), "
                    + "drawdown (smallest first)")
    String sort;

    ReportCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        if (run.isBlank()) {
            throw new BadInputException("--run needs a run id, e.g. live");
        }
        if (strategy != null && sort != null) {
            throw new BadInputException("--sort orders the table of all strategies; it does not go with --strategy");
        }
        ReportSort order = ReportSort.parse(sort == null ? "pnl" : sort);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            Reports reports = ctx.getBean(Reports.class);
            List<String> lines = strategy == null ? reports.all(run, order).lines()
                    : reports.strategy(strategy, run).lines();
            lines.forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }
}
