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
public final class ReplayFigures {

    static final String PREFIX = "replay.metric.";
    static final String TOTAL_RETURN = "total return";
    /** The largest annualised return shown as a number, in percent. */
    static final long ANNUALISED_CAP = 1_000_000;
    private static final java.util.List<String> NAMES = java.util.List.of(TOTAL_RETURN, "annualised return",
            "buy and hold", "max drawdown", "trades", "win rate", "profit factor", "sharpe", "sortino", "exposure",
            "final equity");

    private ReplayFigures() {
    }

    /**
     * The exact values the figures are rounded from: what a sweep stores for each of its sets, so that a set's
     * figures read back from the table are the ones its replay prints.
     *
     * @param profitFactor empty without a losing trade
     * @param positionOpen whether a position was still open at the end
     */
    public record Values(BigDecimal totalReturnPercent, double annualisedReturnPercent, BigDecimal buyAndHoldPercent,
                         BigDecimal maxDrawdownPercent, int trades, BigDecimal winRatePercent,
                         OptionalDouble profitFactor, OptionalDouble sharpe, OptionalDouble sortino,
                         BigDecimal exposurePercent, BigDecimal finalEquity, boolean positionOpen) {

        public static Values of(BacktestMetrics m) {
            return new Values(m.totalReturnPercent(), m.annualisedReturnPercent(), m.buyAndHoldReturnPercent(),
                    m.maxDrawdownPercent(), m.trades(), m.winRatePercent(), m.profitFactor(), m.sharpe(), m.sortino(),
                    m.exposurePercent(), m.finalEquity(), m.openPosition().isPresent());
        }
    }

    /** Context key (prefix + name) to value text, in display order. */
    static Map<String, String> of(BacktestMetrics m) {
        Map<String, String> f = new LinkedHashMap<>();
        display(Values.of(m)).forEach((name, value) -> f.put(PREFIX + name, value));
        return f;
    }

    /** Name to value text, in display order: what {@code replay} prints. */
    public static Map<String, String> display(Values v) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(TOTAL_RETURN, percent(v.totalReturnPercent()));
        f.put("annualised return", annualised(v.annualisedReturnPercent()));
        f.put("buy and hold", percent(v.buyAndHoldPercent()));
        f.put("max drawdown", percent(v.maxDrawdownPercent()));
        f.put("trades", Integer.toString(v.trades()));
        f.put("win rate", percent(v.winRatePercent()));
        f.put("profit factor", ratio(v.profitFactor(), v.trades() > 0 ? "no losing trade" : "no trades"));
        f.put("sharpe", ratio(v.sharpe(), "undefined"));
        f.put("sortino", ratio(v.sortino(), "undefined"));
        f.put("exposure", percent(v.exposurePercent()));
        f.put("final equity", v.finalEquity().setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                + (v.positionOpen() ? " (position open)" : ""));
        return f;
    }

    /** The figures of a finished replay's context, names without the prefix, in display order. */
    public static Map<String, String> from(ExecutionContext ctx) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (ctx.containsKey(PREFIX + name)) {
                f.put(name, ctx.getString(PREFIX + name));
            }
        }
        return f;
    }

    public static String percent(BigDecimal p) {
        return p.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private static String percent(double p) {
        return Double.isFinite(p) ? String.format("%.2f%%", p) : (p > 0 ? "+inf" : "n/a");
    }

    /**
     * Compounding a short span's return to a year gives figures like 6086262805076926000000%: above
     * {@value #ANNUALISED_CAP}% the figure says only that it is off any meaningful scale.
     */
    public static String annualised(double p) {
        return p > ANNUALISED_CAP ? "over " + ANNUALISED_CAP + "% (a short span compounded to a year: see total return)"
                : percent(p);
    }

    public static String ratio(OptionalDouble d, String absent) {
        return d.isPresent() ? String.format("%.2f", d.getAsDouble()) : absent;
    }
}
