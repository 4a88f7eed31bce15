package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.verify.VerifyResult;
import dev.tradingbatch.jobs.verify.VerifyService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a pair's stored candles across the exchanges that store it, and each series alone.",
                "Lists candles whose closes on different exchanges spread further apart than a threshold, wicks",
                "many times the range of the candles around them, and candles without volume whose price moved.",
                "Reports only: no candle is changed. Exit code 0: nothing found; 1: something was found."})
class VerifyCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, paramLabel = "BASE/QUOTE", description = "the pair, e.g. BTC/USD")
    String symbol;

    @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "the series' timeframe, e.g. 1h")
    String timeframe;

    @Option(names = "--from", paramLabel = "TIME", description = "first candle checked (default: the oldest stored)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the range, exclusive (default: after the newest)")
    String to;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "1",
            description = "closes spreading apart by more than this percent of their median are listed (default: 1)")
    double threshold;

    @Option(names = "--wick-factor", paramLabel = "N", defaultValue = "10",
            description = "a candle whose high-low range is more than N times its neighbours' is listed (default: 10)")
    double wickFactor;

    @Option(names = "--quote-alias", paramLabel = "QUOTE", split = ",",
            description = "compare the pair in this quote too, as if it were the same currency (e.g. USDT for USD)")
    List<String> quoteAliases = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "findings of each kind listed, oldest first (default: 20; all are counted)")
    int limit;

    VerifyCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        Set<String> aliases = new LinkedHashSet<>(quoteAliases);
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            VerifyResult result = ctx.getBean(VerifyService.class).verify(new VerifyService.Request(symbol, timeframe,
                    from, to, threshold, wickFactor, aliases, Math.max(0, limit)));
            VerifyText.lines(result).forEach(spec.commandLine().getOut()::println);
            return result.clean() ? 0 : 1;
        }
    }
}
