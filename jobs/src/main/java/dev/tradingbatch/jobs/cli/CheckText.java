package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.check.CheckService;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.check.CandleDifference;
import dev.tradingbatch.strategies.check.StrategyCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code check} prints: the range, then what each comparison found, the first differing candles in full. */
final class CheckText {

    private CheckText() {
    }

    static List<String> lines(CheckService.Result r) {
        StrategyCheck.Report report = r.report();
        List<String> lines = new ArrayList<>();
        lines.add("check " + r.strategy().id() + " (" + r.strategy().spec().label() + " on " + r.strategy().market()
                + ") [" + iso(r.from()) + ", " + iso(r.to()) + "): " + report.evaluated() + " candles, "
                + report.fills().size() + (report.fills().size() == 1 ? " fill" : " fills") + " replayed");
        if (report.lookAheadCount() == 0) {
            lines.add("look-ahead: none: evaluated candle by candle, as the live trader does, it fills and computes its "
                    + "indicators exactly as the replay");
        } else {
            lines.add("look-ahead: on " + report.lookAheadCount() + " of " + report.evaluated() + " candles the live "
                    + "trader, seeing only the candles closed so far, differs from the replay; the first:");
            report.lookAhead().forEach(d -> candle(lines, d, "replay", "live"));
        }
        if (report.warmUpCount() == 0) {
            lines.add("warm-up: " + r.warmUp() + " candles suffice: with " + 2 * r.warmUp()
                    + " the signals are the same");
        } else {
            lines.add("warm-up: " + r.warmUp() + " candles are too few: with " + 2 * r.warmUp() + " the signals differ on "
                    + report.warmUpCount() + " candles; the first:");
            report.warmUp().forEach(d -> candle(lines, d, 2 * r.warmUp() + " candles", r.warmUp() + " candles"));
        }
        lines.add(report.clean() ? "clean" : "differences found (exit code 1)");
        return lines;
    }

    private static void candle(List<String> lines, CandleDifference d, String expected, String actual) {
        lines.add("  " + iso(d.openTime()) + "  " + expected + ": " + fill(d.expected()) + ", " + actual + ": "
                + fill(d.actual()));
        d.values().forEach(v -> lines.add("    " + v.indicator() + ": " + expected + " " + v.expected() + ", " + actual
                + " " + v.actual()));
    }

    private static String fill(Optional<Fill> fill) {
        return fill.map(f -> f.side().code() + " at " + f.price().toPlainString()).orElse("nothing");
    }
}
