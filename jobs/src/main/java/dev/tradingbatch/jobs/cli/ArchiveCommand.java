package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.ArchivedCandleRepository.Span;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.jobs.maintenance.ArchiveRequest;
import dev.tradingbatch.jobs.maintenance.ArchiveService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Moves a series' candles opening before --before into a gzip CSV file.",
                "The file is written, read back and checked against the database, then exactly",
                "those candles are deleted in one transaction. To import them again:",
                "backfill --exchange file --file FILE --as EXCHANGE ..."})
class ArchiveCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--exchange", required = true, paramLabel = "NAME", description = "the exchange the series is stored under")
    String exchange;

    @Option(names = "--symbol", required = true, paramLabel = "BASE/QUOTE", description = "e.g. BTC/USDT")
    String symbol;

    @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "1m, 5m, 15m, 1h, 4h or 1d")
    String timeframe;

    @Option(names = "--before", required = true, paramLabel = "TIME",
            description = "candles opening before this are archived: 2024-01-01, 2024-01-01T12:00:00Z or epoch ms (UTC)")
    String before;

    @Option(names = "--to", required = true, paramLabel = "FILE.csv.gz", description = "the archive: a new file in an existing folder")
    Path to;

    ArchiveCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        ArchiveRequest request = ArchiveRequest.parse(exchange, symbol, timeframe, before, to);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            ArchiveService.Archive a = ctx.getBean(ArchiveService.class).archive(request);
            MarketKey m = request.market();
            Span done = a.exported();
            PrintWriter out = spec.commandLine().getOut();
            out.println("archive " + m + " before " + Instant.ofEpochMilli(request.before()) + " -> " + to
                    + " (" + a.bytes() + " bytes)");
            out.println("  written  " + done.count() + " candles, " + range(done));
            out.println("  checked  " + done.count() + " rows read back as backfill reads them, SHA-256 " + a.digest()
                    + " as in the database");
            out.println("  deleted  " + done.count() + " candles in one transaction; " + a.left()
                    .map(left -> left.count() + " left, " + range(left)).orElse("none left"));
            out.println("  restore  backfill --exchange file --file " + to + " --as " + m.exchange() + " --symbol "
                    + m.symbol() + " --timeframe " + m.timeframe());
            return 0;
        }
    }

    private static String range(Span span) {
        return Instant.ofEpochMilli(span.first()) + " .. " + Instant.ofEpochMilli(span.last());
    }
}
