package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Downloads closed candles from an exchange (or imports a CSV file) into the shared database.",
                "Without --from it continues after the newest stored candle, or takes trading.backfill.default-history."})
class BackfillCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--exchange", required = true, paramLabel = "NAME",
            description = "binance, coinbase, kraken, or file (a CSV given with --file)")
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

    BackfillCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        BackfillRequest request = BackfillRequest.parse(exchange, symbol, timeframe, from, to, file, as);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            return ctx.getBean(BackfillService.class).run(request, spec.commandLine().getOut());
        }
    }
}
