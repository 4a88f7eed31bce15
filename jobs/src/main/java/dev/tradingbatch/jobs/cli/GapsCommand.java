package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.gaps.GapFills;
import dev.tradingbatch.jobs.gaps.GapListing;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "gaps", mixinStandardHelpOptions = true,
        description = {"Lists the missing ranges inside each stored series, their length and status.",
                "A range is missing where the timeframe's grid has no stored candle; it is still",
                "open, or confirmed empty by the exchange. backfill ... --fill-gaps fills them."})
class GapsCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--exchange", paramLabel = "NAME", description = "only series of this exchange")
    String exchange;

    @Option(names = "--symbol", paramLabel = "BASE/QUOTE", description = "only series of this symbol")
    String symbol;

    @Option(names = "--timeframe", paramLabel = "TF", description = "only series of this timeframe")
    String timeframe;

    GapsCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        String tf = null;
        if (timeframe != null) {
            try {
                tf = Timeframe.parse(timeframe).code();
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        String ex = exchange == null ? null : exchange.toLowerCase(Locale.ROOT);
        String sym = symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            GapListing listing = ctx.getBean(GapFills.class).list(ex, sym, tf);
            GapsText.listing(listing).forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }
}
