package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.strategies.StrategyTypes;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"Lists the strategy types a declaration may name, built-in and from plugins.",
                "Plugins are the jars in trading.plugins.dir (default plugins/)."},
        subcommands = {StrategiesCommand.Types.class})
class StrategiesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "strategies needs a subcommand: types");
    }

    @Command(name = "types", mixinStandardHelpOptions = true,
            description = {"Lists every strategy type with where it came from and its parameters.",
                    "A plugin that fails to load, or two types of one name, stop it with exit code 2."})
    static class Types implements Callable<Integer> {

        private final Launcher launcher;

        @Spec
        CommandSpec spec;

        Types(Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = launcher.start()) {
                StrategyTypesText.lines(ctx.getBean(StrategyTypes.class).all())
                        .forEach(spec.commandLine().getOut()::println);
                return 0;
            }
        }
    }
}
