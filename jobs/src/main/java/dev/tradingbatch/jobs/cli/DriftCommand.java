package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.drift.DriftReport;
import dev.tradingbatch.jobs.drift.DriftScores;
import dev.tradingbatch.jobs.drift.DriftService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compares a strategy's live trades with a replay of it as declared now.",
                "Replays its live window (its evaluated candles) in memory and matches the trades by candle and side:",
                "price differences, trades only one side made with their likely cause, a live strategy's real fill",
                "prices against the modelled ones. Writes nothing. Exit code 0: no drift; 1: drift; 2: bad input.",
                "--all instead runs driftJob, as run does every trading.drift.interval:",
                "each declared strategy's score is stored for the metrics, the dashboard",
                "and the drift alert, one line each (exit code 1: a strategy drifts or",
                "the job failed)."})
class DriftCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--all", description = "every declared strategy's score, computed and stored by driftJob")
    boolean all;

    @Option(names = "--from", paramLabel = "TIME",
            description = "first candle compared (default: the first candle of its first completed evaluation)")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "end of the range, exclusive (default: after the last candle evaluated)")
    String to;

    DriftCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        StrategyTarget.check(strategy, all);
        if (all && (from != null || to != null)) {
            throw new BadInputException("--all compares each strategy's live window: --from and --to go with --strategy");
        }
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            if (all) {
                DriftScores.Outcome o = ctx.getBean(DriftScores.class).compute(List.of());
                DriftText.stored(o).forEach(spec.commandLine().getOut()::println);
                return o.clean() ? 0 : 1;
            }
            DriftReport report = ctx.getBean(DriftService.class).run(strategy, from, to);
            DriftText.lines(report).forEach(spec.commandLine().getOut()::println);
            return report.drifted() ? 1 : 0;
        }
    }
}
