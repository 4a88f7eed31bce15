package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.drift.DriftReport;
import dev.tradingbatch.jobs.drift.DriftService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compares a strategy's live trades with a replay of it as declared now.",
                "Replays its live window (its evaluated candles) in memory and matches the trades by candle and side:",
                "price differences, trades only one side made with their likely cause, a live strategy's real fill",
                "prices against the modelled ones. Writes nothing. Exit code 0: no drift; 1: drift; 2: bad input."})
class DriftCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

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
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            DriftReport report = ctx.getBean(DriftService.class).run(strategy, from, to);
            DriftText.lines(report).forEach(spec.commandLine().getOut()::println);
            return report.drifted() ? 1 : 0;
        }
    }
}
