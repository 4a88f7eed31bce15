package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.optimize.OptimizeService;
import dev.tradingbatch.jobs.optimize.SweepReport;
import dev.tradingbatch.jobs.optimize.WalkForward;
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

@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Sweeps a declared strategy's parameter sets over stored candles and ranks them.",
                "Each set runs as replay --param would run it; every set's figures are stored",
                "per sweep (sweep_results): the same sweep again is read from there, a failed",
                "one continues where it stopped (see: docs/optimize.md)."})
class OptimizeCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "a declared strategy_id")
    String strategy;

    @Option(names = "--param", paramLabel = "NAME=SPEC",
            description = "a parameter to sweep: a list (period=10,14,20) or a range with a step (period=5..50:5); "
                    + "the others keep their declared values")
    List<String> params;

    @Option(names = "--search", paramLabel = "grid|random",
            description = "grid: every combination (default); random: --samples of them, drawn with --seed")
    String search;

    @Option(names = "--samples", paramLabel = "N",
            description = "sets a random search draws (default " + OptimizeService.DEFAULT_SAMPLES + ")")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of a random search and of --monte-carlo (default " + OptimizeService.DEFAULT_SEED + "): the same seed draws the same sets")
    Long seed;

    @Option(names = "--objective", paramLabel = "NAME",
            description = "what the sets are ranked by: sharpe (default), sortino, return, calmar, profit-factor")
    String objective;

    @Option(names = "--min-trades", paramLabel = "N", defaultValue = "0",
            description = "sets with fewer closed trades are left out of the ranking (default 0)")
    int minTrades;

    @Option(names = "--from", paramLabel = "TIME",
            description = "first candle evaluated (default: the first with the warm-up history of the widest set before it)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the range, exclusive (default: after the newest candle)")
    String to;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "sets shown, best first (default 10)")
    int top;

    @Option(names = "--monte-carlo", paramLabel = "N",
            description = "resamples the best set's trades N times (with --seed, default " + OptimizeService.DEFAULT_SEED
                    + ") and prints the 5th/50th/95th percentile of return and of max drawdown")
    Integer monteCarlo;

    @Option(names = "--walk-forward", paramLabel = "TRAIN/TEST[/anchored]",
            description = "walk forward: sweep each training window (e.g. 60d/14d, lengths in h, d or w), trade its best "
                    + "set on the test window after it, and stitch the tests; anchored windows all start at --from")
    String walkForward;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "also writes one self-contained HTML page: the ranking, a heatmap of the objective over two "
                    + "parameters and the best set's equity against buy and hold")
    Path report;

    @Option(names = "--heatmap", paramLabel = "X,Y",
            description = "the two swept parameters of the report's heatmap (default: the first two swept)")
    String heatmap;

    @Option(names = "--workers", paramLabel = "local|remote",
            description = "where the partitions run: local threads (default), or remote: the run --role sweep-worker "
                    + "processes listening on RabbitMQ (trading.sweep.queue), on the same database")
    String workers;

    @Option(names = "--allow-gaps",
            description = "runs even over open gaps longer than trading.replay.max-open-gap, as replay --allow-gaps")
    boolean allowGaps;

    OptimizeCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        if (strategy == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--strategy=ID'");
        }
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            PrintWriter out = spec.commandLine().getOut();
            OptimizeService.Request request = new OptimizeService.Request(strategy, params, search, samples, seed,
                    objective, minTrades, from, to, top, allowGaps, monteCarlo, workers);
            if (walkForward != null && report != null) {
                throw new BadInputException("--report is for a sweep: walk-forward prints its windows (drop --report)");
            }
            if (heatmap != null && report == null) {
                throw new BadInputException("--heatmap " + heatmap + " is for the --report page: give --report FILE.html");
            }
            SweepReport reports = ctx.getBean(SweepReport.class);
            List<String> axes = report == null ? List.of() : reports.axes(request, heatmap);
            BatchStatus status;
            String message;
            if (walkForward != null) {
                WalkForward.Outcome walk = ctx.getBean(WalkForward.class).run(request, walkForward);
                OptimizeText.walkForward(walk).forEach(out::println);
                status = walk.status();
                message = walk.message();
            } else {
                OptimizeService.Outcome outcome = ctx.getBean(OptimizeService.class).run(request);
                OptimizeText.outcome(outcome).forEach(out::println);
                status = outcome.status();
                message = outcome.message();
                if (report != null && status == BatchStatus.COMPLETED) {
                    reports.write(request, outcome, axes, report);
                    out.println("report: " + report);
                }
            }
            if (status != BatchStatus.COMPLETED) {
                out.println(RunText.failed(message));
                return 1;
            }
            return 0;
        }
    }
}
