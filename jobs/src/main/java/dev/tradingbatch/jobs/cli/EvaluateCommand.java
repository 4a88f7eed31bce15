package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates a declared strategy on the candles closed since its last evaluation.",
                "Paper-trades what it signals; its trades belong to its strategy_id alone.",
                "Strategies are declared under trading.strategies."})
class EvaluateCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "ID", description = "a strategy_id, e.g. btc-bin-1h")
    String strategy;

    EvaluateCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            EvaluationResult result = ctx.getBean(EvaluateService.class).run(strategy);
            EvaluationText.lines(result).forEach(spec.commandLine().getOut()::println);
            return result.succeeded() ? 0 : 1;
        }
    }
}
