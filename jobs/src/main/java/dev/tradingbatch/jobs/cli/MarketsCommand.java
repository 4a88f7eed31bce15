package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.model.MarketSummary;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "markets", mixinStandardHelpOptions = true,
        description = {"Lists every stored series with its first and last candle and its coverage.",
                "Coverage: the candles expected from the first to the last, those stored, those",
                "confirmed empty by the exchange, and the open gaps with the candles they miss",
                "(see: gaps), and the stored candles derived from the exchange's trades."})
class MarketsCommand implements Callable<Integer> {

    private static final String ROW = "%-10s %-12s %-9s %-20s %-20s %9s %9s %9s %9s %9s %9s%n";

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    MarketsCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            List<MarketSummary> markets = ctx.getBean(CandleRepository.class).summaries();
            if (markets.isEmpty()) {
                out.println("no candles stored yet (see: backfill --help)");
                return 0;
            }
            GapRepository gaps = ctx.getBean(GapRepository.class);
            DerivedCandleRepository derived = ctx.getBean(DerivedCandleRepository.class);
            out.printf(ROW, "EXCHANGE", "SYMBOL", "TIMEFRAME", "FIRST (UTC)", "LAST (UTC)", "EXPECTED", "STORED",
                    "EMPTY", "OPEN GAPS", "MISSING", "DERIVED");
            for (MarketSummary m : markets) {
                Coverage c = Coverage.of(gaps, m);
                out.printf(ROW, m.market().exchange(), m.market().symbol(), m.market().timeframe(),
                        Instant.ofEpochMilli(m.firstOpenTime()), Instant.ofEpochMilli(m.lastOpenTime()), c.expected(),
                        c.stored(), c.confirmedEmpty(), c.open().size(), c.openMissing(),
                        derived.count(m.market()));
            }
            return 0;
        }
    }
}
