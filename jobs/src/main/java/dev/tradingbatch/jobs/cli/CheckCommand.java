package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.check.CheckService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a declared strategy for look-ahead and too short a warm-up.",
                "Replays the range, then evaluates it candle by candle as the live trader does and compares",
                "fills and indicator values; replays it again with twice the warm-up and compares fills.",
                "Writes nothing. Exit code 0: clean; 1: a difference was found."})
class CheckCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--from", paramLabel = "TIME", description = "first candle checked (default: the newest 1000 "
            + "candles, as far as twice the warm-up is stored before them)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the range, exclusive (default: after the newest candle)")
    String to;

    CheckCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            CheckService.Result result = ctx.getBean(CheckService.class).run(strategy, from, to);
            CheckText.lines(result).forEach(spec.commandLine().getOut()::println);
            return result.report().clean() ? 0 : 1;
        }
    }
}
