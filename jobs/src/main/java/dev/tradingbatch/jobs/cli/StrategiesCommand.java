package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.strategies.StrategyTypes;
import dev.tradingbatch.strategies.json.Ta4jExport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"Lists the strategy types, or prints a declared strategy as ta4j's JSON.",
                "Plugins are the jars in trading.plugins.dir (default plugins/)."},
        subcommands = {StrategiesCommand.Types.class, StrategiesCommand.Export.class})
class StrategiesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "strategies needs a subcommand: types or export");
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

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Prints a declared strategy, of any type, as ta4j's JSON.",
                    "Declared as type: ta4j with that definition, it trades the same; the JSON is read back and",
                    "compared signal by signal first, and exit code 1 says where it would not."})
    static class Export implements Callable<Integer> {

        private final Launcher launcher;

        @Spec
        CommandSpec spec;

        @Option(names = "--strategy", required = true, paramLabel = "ID", description = "a strategy_id, e.g. btc-bin-1h")
        String strategy;

        Export(Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = launcher.start()) {
                Ta4jExport export = Ta4jExport.of(ctx.getBean(DeclaredStrategies.class).get(strategy).spec());
                if (!export.faithful()) {
                    spec.commandLine().getErr().println("failed: the JSON of " + strategy
                            + " does not read back as the same strategy: " + export.difference().orElseThrow());
                    return 1;
                }
                spec.commandLine().getOut().println(export.json());
                return 0;
            }
        }
    }
}
