package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.replay.ReplayReport;
import dev.tradingbatch.jobs.replay.ReplayRuns;
import dev.tradingbatch.jobs.replay.ReplayService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a declared strategy over stored candles as evaluate would trade them.",
                "Same code path and fill model as evaluate; its trades are stored under the",
                "run's own id (see: replay list, report --run ID)."},
        subcommands = ReplayCommand.ListReplays.class)
class ReplayCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--from", paramLabel = "TIME",
            description = "first candle evaluated (default: the first with enough warm-up history before it)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the range, exclusive (default: after the newest candle)")
    String to;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "overrides a strategy parameter for this replay")
    List<String> params;

    @Option(names = "--allow-gaps",
            description = "runs even over open gaps longer than trading.replay.max-open-gap (default 0: any open gap "
                    + "in a series from an exchange refuses the replay; see: gaps)")
    boolean allowGaps;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "writes the run's report: price chart with trades, equity and drawdown, metrics, trade list")
    Path report;

    ReplayCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        if (strategy == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--strategy=ID'");
        }
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            PrintWriter out = spec.commandLine().getOut();
            ReplayService.Outcome outcome = ctx.getBean(ReplayService.class).run(strategy, from, to, params, allowGaps);
            ReplayText.outcome(outcome).forEach(out::println);
            if (outcome.status() != BatchStatus.COMPLETED) {
                out.println(RunText.failed(outcome.message()));
                return 1;
            }
            if (report != null) {
                ctx.getBean(ReplayReport.class).write(outcome.strategy(), outcome, report);
                out.println("report: " + report);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The recorded replays, newest first.")
    static class ListReplays implements Callable<Integer> {
        private final Launcher launcher;

        @Spec
        CommandSpec spec;

        @Option(names = "--strategy", paramLabel = "ID", description = "only replays of this strategy")
        String strategy;

        ListReplays(Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = launcher.start()) {
                List<ReplayRuns.ReplayRun> runs = ctx.getBean(ReplayRuns.class).list(strategy);
                ReplayText.runs(runs).forEach(spec.commandLine().getOut()::println);
                return 0;
            }
        }
    }
}
