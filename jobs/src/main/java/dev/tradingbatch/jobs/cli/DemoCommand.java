package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.demo.BundledSamples;
import dev.tradingbatch.jobs.demo.DemoService;
import dev.tradingbatch.jobs.demo.DemoStrategies;
import dev.tradingbatch.jobs.demo.SettableClock;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline offline on real sample data bundled in the jar.",
                "Imports the samples through the backfill job, runs four example traders candle",
                "by candle, replays them, writes HTML reports and prints a summary."})
class DemoCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--database", paramLabel = "FILE", defaultValue = "data/demo.db",
            description = "the demo's own SQLite database (default: data/demo.db; your trading database is not touched)")
    Path database;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "a folder holding the sample files (default: the copies inside the jar, written to "
                    + "demo-samples beside the database)")
    Path samples;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "where the reports go (default: reports)")
    Path reports;

    DemoCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = new HashMap<>(DemoStrategies.properties());
        properties.put("spring.datasource.url", "jdbc:sqlite:" + database);
        properties.put("trading.backfill.progress", "never");
        try (ConfigurableApplicationContext ctx = launcher.with(properties, Map.of("demoClock", new SettableClock()))
                .start()) {
            Path from = samples != null ? samples : BundledSamples.copyTo(database.resolveSibling("demo-samples"));
            DemoService demo = ctx.getBean(DemoService.class);
            PrintWriter out = spec.commandLine().getOut();
            demo.importSamples(from).forEach(imported -> BackfillText.lines(imported).forEach(out::println));
            DemoText.summary(demo.trade(reports)).forEach(out::println);
            return 0;
        }
    }
}
