package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the pipeline's speed, size and memory against baselines.",
                "Figures: ingest, storage, Query 1 of docs/database.md, replay, a trader's",
                "start-up and idle memory; each against a baseline run on the same machine in",
                "the same run, on generated data in a scratch folder. Prints medians and ratios",
                "(see docs/benchmarks.md)."})
class BenchCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "small sizes (seconds, for a test) instead of the full ones (minutes)")
    boolean quick;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "repetitions of each figure; the table shows medians (default: 3)")
    int repeat;

    @Option(names = "--only", paramLabel = "GROUP", split = ",",
            description = "only these figures: ingest (with storage), query, replay, process (for profiling one)")
    List<String> only = List.of();

    @Option(names = "--out", paramLabel = "FILE",
            description = "also write the results into this Markdown file (e.g. docs/benchmarks.md), between its markers")
    Path out;

    BenchCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 99) {
            throw new BadInputException("--repeat must be in [1, 99], got " + repeat);
        }
        for (String group : only) {
            if (!Benchmarks.GROUPS.contains(group)) {
                throw new BadInputException("--only: unknown figure group '" + group + "' (known: "
                        + String.join(", ", Benchmarks.GROUPS) + ")");
            }
        }
        if (!only.isEmpty() && out != null) {
            throw new BadInputException("--out writes every figure: it does not go with --only");
        }
        String command = "bench" + (quick ? " --quick" : "") + " --repeat " + repeat;
        new Benchmarks(properties -> launcher.with(properties, Map.of()).start()).run(quick, repeat, Set.copyOf(only),
                out, command, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
