package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.verify.VerifyResult;
import dev.tradingbatch.model.MarketKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code verify} prints: the series compared, then the candles that stray apart, then each series' outliers. */
final class VerifyText {

    private VerifyText() {
    }

    static List<String> lines(VerifyResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("verify " + r.symbol() + " " + r.timeframe().code() + " [" + iso(r.from()) + ", " + iso(r.to())
                + "): " + names(r.compared()));
        if (!r.leftOut().isEmpty()) {
            lines.add("left out, in another quote: " + names(r.leftOut()) + " (--quote-alias QUOTE compares a quote "
                    + "as the same currency)");
        }
        if (r.compared().size() < 2) {
            lines.add("across exchanges: only " + r.compared().get(0).exchange() + " stores " + r.symbol() + " "
                    + r.timeframe().code() + ", nothing to compare it with");
        } else if (r.strayCount() == 0) {
            lines.add("across exchanges: " + r.candlesCompared() + " candles compared, no closes spread more than "
                    + percent(r.threshold()) + " apart");
        } else {
            lines.add("across exchanges: " + r.candlesCompared() + " candles compared, on " + r.strayCount()
                    + " the closes spread more than " + percent(r.threshold()) + " apart"
                    + shown(r.strays().size(), r.strayCount()) + ":");
            for (VerifyResult.Stray s : r.strays()) {
                lines.add("  " + iso(s.openTime()) + "  spread " + percent(s.spread()) + "  " + s.closes().stream()
                        .map(c -> c.market().exchange() + " " + c.close().toPlainString())
                        .collect(Collectors.joining(", ")) + "  " + straying(s));
            }
        }
        if (r.outlierCount() == 0) {
            lines.add("outliers: none (no wick over " + number(r.wickFactor()) + " times its neighbours' range, no "
                    + "candle without volume whose price moved)");
        } else {
            lines.add("outliers: " + r.outlierCount() + shown(r.outliers().size(), r.outlierCount()) + ":");
            for (VerifyResult.Outlier o : r.outliers()) {
                lines.add("  " + iso(o.openTime()) + "  " + o.market() + "  " + switch (o.kind()) {
                    case WICK -> "wick " + number(o.times()) + " times the range of the candles around it";
                    case NO_VOLUME_MOVE -> "no volume, yet the price moved";
                });
            }
        }
        lines.add("nothing was changed; a wrong candle is fixed at its source (see: docs/market-data.md, \"Verify\")");
        return lines;
    }

    private static String straying(VerifyResult.Stray s) {
        if (s.closes().size() == 2) {
            return "(two exchanges: a third would tell which strays)";
        }
        if (s.straying().isEmpty()) {
            return "(none strays from the median of all by more than the threshold)";
        }
        return "(strays: " + s.straying().stream().map(MarketKey::exchange).collect(Collectors.joining(", ")) + ")";
    }

    private static String shown(int kept, long count) {
        return kept < count ? " (the first " + kept + " listed)" : "";
    }

    private static String names(List<MarketKey> markets) {
        return markets.stream().map(m -> m.exchange() + " " + m.symbol()).collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
