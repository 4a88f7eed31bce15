package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.gaps.GapFillResult;
import dev.tradingbatch.jobs.gaps.GapFills;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Downloads closed candles from an exchange, or imports a CSV file.",
                "Each candle is stored once in the shared database. Without --from it continues",
                "after the newest stored candle, or starts trading.backfill.default-history ago."})
class BackfillCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--exchange", required = true, paramLabel = "NAME", completionCandidates = Sources.class,
            description = "${COMPLETION-CANDIDATES} (file: a CSV given with --file)")
    String exchange;

    @Option(names = "--symbol", required = true, paramLabel = "BASE/QUOTE", description = "e.g. BTC/USDT")
    String symbol;

    @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "1m, 5m, 15m, 1h, 4h or 1d")
    String timeframe;

    @Option(names = "--from", paramLabel = "TIME",
            description = "first candle wanted: 2024-01-01, 2024-01-01T12:00:00Z or epoch ms (UTC)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the range, exclusive (default: now)")
    String to;

    @Option(names = "--file", paramLabel = "PATH",
            description = "with --exchange file: CSV open_time,open,high,low,close,volume (.csv or .csv.gz)")
    Path file;

    @Option(names = "--as", paramLabel = "EXCHANGE",
            description = "with --exchange file: the exchange the imported candles are stored under (default: file)")
    String as;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = BackfillRequest.API,
            description = {"api (default) or archive: with --exchange binance,",
                    "Binance's public data archive (checksummed files),",
                    "the REST API for the days not archived yet"})
    String source;

    @Option(names = "--fill-gaps", description = {"ask the exchange only for the missing ranges inside the stored series",
            "(limited to gaps starting in --from/--to when given); see: gaps"})
    boolean fillGaps;

    /** The values --exchange takes, from the exchange registry, for its help and shell completion. */
    static final class Sources implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BackfillRequest.SOURCES.iterator();
        }
    }

    BackfillCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        BackfillRequest request = BackfillRequest.parse(exchange, symbol, timeframe, from, to, file, as, source);
        if (fillGaps && request.archive()) {
            throw new BadInputException("--fill-gaps asks the exchange's API for missing candles: it does not go with --source archive");
        }
        if (fillGaps && request.fromFile()) {
            throw new BadInputException("--fill-gaps asks an exchange for missing candles: it does not go with --exchange file");
        }
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            PrintWriter out = spec.commandLine().getOut();
            if (fillGaps) {
                GapFillResult result = ctx.getBean(GapFills.class).fill(new MarketKey(request.exchange(),
                        request.symbol(), request.timeframe()), request.from(), request.to());
                GapsText.fill(result).forEach(out::println);
                return result.succeeded() ? 0 : 1;
            }
            BackfillResult result = ctx.getBean(BackfillService.class).run(request);
            BackfillText.lines(result).forEach(out::println);
            return result.succeeded() ? 0 : 1;
        }
    }
}
