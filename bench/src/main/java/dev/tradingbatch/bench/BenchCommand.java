package dev.tradingbatch.bench;

import dev.tradingbatch.jobs.Failures;
import dev.tradingbatch.jobs.cli.Launcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code java -jar bench/target/trading-batch-bench.jar [options]}: the benchmarks, in a jar of their own so that
 * the application's jar carries none of them. Exit codes as the application's: 0 done, 1 failed, 2 bad input
 * (one line {@code error: ...}; nothing measured).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "trading-batch bench 0.1.0",
        description = {"Measures the pipeline's speed, size and memory against baselines.",
                "Figures: ingest, storage, Query 1 of docs/database.md, replay, a sweep of",
                "1,000 RSI sets, a live order from stored candle to acknowledgement, a",
                "trader's start-up and idle memory; each against a baseline run on the same",
                "machine in the same run, on generated data in a scratch folder. Prints",
                "medians and ratios (see docs/benchmarks.md)."})
public final class BenchCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "small sizes (seconds, for a test) instead of the full ones (minutes)")
    boolean quick;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "repetitions of each figure; the table shows medians (default: 3)")
    int repeat;

    @Option(names = "--only", paramLabel = "GROUP", split = ",",
            description = "only these figures: ingest (with storage), query, replay, sweep, live, process (for profiling one)")
    List<String> only = List.of();

    @Option(names = "--out", paramLabel = "FILE",
            description = "also write the results into this Markdown file (e.g. docs/benchmarks.md), between its markers")
    Path out;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line, printing the results on {@code out} and progress and errors on {@code err}. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return new CommandLine(new BenchCommand()).setOut(out).setErr(err)
                .setParameterExceptionHandler((e, a) -> said(err, "error: " + e.getMessage(), BAD_INPUT))
                .setExecutionExceptionHandler((e, c, parsed) -> said(err, "failed: " + Failures.message(e), 1))
                .execute(args);
    }

    private static int said(PrintWriter err, String line, int exitCode) {
        err.println(line);
        return exitCode;
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 99) {
            throw new ParameterException(spec.commandLine(), "--repeat must be in [1, 99], got " + repeat);
        }
        for (String group : only) {
            if (!Benchmarks.GROUPS.contains(group)) {
                throw new ParameterException(spec.commandLine(), "--only: unknown figure group '" + group
                        + "' (known: " + String.join(", ", Benchmarks.GROUPS) + ")");
            }
        }
        if (!only.isEmpty() && out != null) {
            throw new ParameterException(spec.commandLine(), "--out writes every figure: it does not go with --only");
        }
        String command = "bench" + (quick ? " --quick" : "") + " --repeat " + repeat;
        new Benchmarks(properties -> new Launcher(properties, Map.of()).start()).run(quick, repeat, Set.copyOf(only),
                out, command, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
