package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A replay's metrics as people read them (kept in the run's job context, shown by {@code replay},
 * {@code replay list} and the report): names in display order, values rounded for reading.
 */
final class ReplayFigures {

    static final String PREFIX = "replay.metric.";
    static final String TOTAL_RETURN = "total return";
    /** The largest annualised return shown as a number, in percent. */
    static final long ANNUALISED_CAP = 1_000_000;
    private static final java.util.List<String> NAMES = java.util.List.of(TOTAL_RETURN, "annualised return",
            "buy and hold", "max drawdown", "trades", "win rate", "profit factor", "sharpe", "sortino", "exposure",
            "final equity");

    private ReplayFigures() {
    }

    /** Context key (prefix + name) to value text, in display order. */
    static Map<String, String> of(BacktestMetrics m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(PREFIX + TOTAL_RETURN, percent(m.totalReturnPercent()));
        f.put(PREFIX + "annualised return", annualised(m.annualisedReturnPercent()));
        f.put(PREFIX + "buy and hold", percent(m.buyAndHoldReturnPercent()));
        f.put(PREFIX + "max drawdown", percent(m.maxDrawdownPercent()));
        f.put(PREFIX + "trades", Integer.toString(m.trades()));
        f.put(PREFIX + "win rate", percent(m.winRatePercent()));
        f.put(PREFIX + "profit factor", ratio(m.profitFactor(), m.trades() > 0 ? "no losing trade" : "no trades"));
        f.put(PREFIX + "sharpe", ratio(m.sharpe(), "undefined"));
        f.put(PREFIX + "sortino", ratio(m.sortino(), "undefined"));
        f.put(PREFIX + "exposure", percent(m.exposurePercent()));
        f.put(PREFIX + "final equity", m.finalEquity().setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                + (m.openPosition().isPresent() ? " (position open)" : ""));
        return f;
    }

    /** The figures of a finished replay's context, names without the prefix, in display order. */
    static Map<String, String> from(ExecutionContext ctx) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (ctx.containsKey(PREFIX + name)) {
                f.put(name, ctx.getString(PREFIX + name));
            }
        }
        return f;
    }

    private static String percent(BigDecimal p) {
        return p.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private static String percent(double p) {
        return Double.isFinite(p) ? String.format("%.2f%%", p) : (p > 0 ? "+inf" : "n/a");
    }

    /**
     * Compounding a short span's return to a year gives figures like 6086262805076926000000%: above
     * {@value #ANNUALISED_CAP}% the figure says only that it is off any meaningful scale.
     */
    static String annualised(double p) {
        return p > ANNUALISED_CAP ? "over " + ANNUALISED_CAP + "% (a short span compounded to a year: see total return)"
                : percent(p);
    }

    private static String ratio(OptionalDouble d, String absent) {
        return d.isPresent() ? String.format("%.2f", d.getAsDouble()) : absent;
    }
}
