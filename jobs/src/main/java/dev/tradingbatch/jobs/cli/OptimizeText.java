package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.optimize.MonteCarlo;
import dev.tradingbatch.jobs.optimize.Objective;
import dev.tradingbatch.jobs.optimize.OptimizeService;
import dev.tradingbatch.jobs.optimize.WalkForward;
import dev.tradingbatch.jobs.replay.ReplayFigures;
import dev.tradingbatch.model.RunIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code optimize} prints. */
final class OptimizeText {

    private static final String ROW = "  %4s %10s %10s %10s %7s  %s";
    private static final String MC_ROW = "  %-14s %10s %10s %10s";
    private static final String ROW_BY_RETURN = "  %4s %10s %10s %7s  %s";

    private OptimizeText() {
    }

    /** The sweep's summary line, the coverage of the candles it read, what was left out, and the ranking. */
    static List<String> outcome(OptimizeService.Outcome o) {
        List<String> lines = new ArrayList<>();
        RunText.continued(o.recovered()).ifPresent(lines::add);
        lines.add("optimize " + o.strategy().id() + " (" + o.strategy().spec().type() + " on " + o.strategy().market()
                + ") [" + iso(o.from()) + ", " + iso(o.to()) + "): " + o.sets() + (o.sets() == 1 ? " set" : " sets")
                + " (" + o.search() + " " + o.specs() + "), sweep " + RunIds.sweep(o.sweepId())
                + " (" + o.status() + ", execution " + o.executionId() + ", "
                + (o.computed() ? "computed now" : "read from sweep_results") + ")");
        lines.add(String.format("  %-18s %s", "coverage", "[" + iso(o.coverage().from()) + ", "
                + iso(o.coverage().to()) + "): " + o.coverage().text()));
        if (o.refused() > 0) {
            lines.add("  " + o.refused() + (o.refused() == 1 ? " combination" : " combinations") + " of the specs refused by "
                    + o.strategy().spec().type() + " (an order between its parameters), not computed");
        }
        if (o.stored() < o.sets()) {
            lines.add("  " + o.stored() + " of " + o.sets() + " sets computed so far");
        }
        if (o.minTrades() > 0) {
            lines.add("  " + o.excluded() + " of " + o.stored() + " sets left out of the ranking: fewer than "
                    + o.minTrades() + (o.minTrades() == 1 ? " trade" : " trades"));
        }
        if (o.ranking().isEmpty()) {
            lines.add("  no set to rank");
            return lines;
        }
        // ranked by return, the objective's column would repeat the return's
        boolean byReturn = o.objective() == Objective.RETURN;
        lines.add(row(byReturn, "RANK", o.objective().code().toUpperCase(Locale.ROOT), "RETURN", "DRAWDOWN", "TRADES",
                "PARAMETERS"));
        for (OptimizeService.Ranked r : o.ranking()) {
            lines.add(row(byReturn, r.rank(), score(r.score()), ReplayFigures.percent(r.result().totalReturnPercent()),
                    ReplayFigures.percent(r.result().maxDrawdownPercent()), r.result().trades(),
                    params(r.result().params())));
        }
        o.monteCarlo().ifPresent(mc -> lines.addAll(monteCarlo(mc, o.ranking().getFirst())));
        return lines;
    }

    /** The best set's resampled trades: a header line, then return and drawdown at the three percentiles. */
    static List<String> monteCarlo(MonteCarlo.Summary mc, OptimizeService.Ranked best) {
        List<String> lines = new ArrayList<>();
        lines.add("monte carlo: rank " + best.rank() + "'s " + mc.trades() + (mc.trades() == 1 ? " trade" : " trades")
                + " resampled " + mc.runs() + (mc.runs() == 1 ? " time" : " times") + " (seed " + mc.seed() + ")");
        lines.add(String.format(MC_ROW, "", "P5", "P50", "P95"));
        lines.add(String.format(MC_ROW, "return", pct(mc.returnPercent()[0]), pct(mc.returnPercent()[1]),
                pct(mc.returnPercent()[2])));
        lines.add(String.format(MC_ROW, "max drawdown", pct(mc.drawdownPercent()[0]), pct(mc.drawdownPercent()[1]),
                pct(mc.drawdownPercent()[2])));
        return lines;
    }

    private static final String WINDOW_ROW = "  %6s  %-24s  %-24s  %9s  %13s  %6s  %-8s  %s";

    /** A walk forward: a header line, a row per window, then the whole. */
    static List<String> walkForward(WalkForward.Outcome o) {
        List<String> lines = new ArrayList<>();
        lines.add("walk-forward " + o.strategy().id() + " (" + o.strategy().spec().type() + " on " + o.strategy().market()
                + ") " + o.spec() + (o.anchored() ? "" : " rolling") + ": " + o.windows().size()
                + (o.windows().size() == 1 ? " window" : " windows") + ", the best set of each training by "
                + o.objective().code() + " traded on the test that follows");
        lines.add(String.format(WINDOW_ROW, "WINDOW", "TRAINING", "TEST", "IN-SAMPLE", "OUT-OF-SAMPLE", "TRADES",
                "SWEEP", "PARAMETERS"));
        for (WalkForward.Window w : o.windows()) {
            lines.add(String.format(WINDOW_ROW, w.index(), day(w.trainFrom()) + " .. " + day(w.trainTo()),
                    day(w.testFrom()) + " .. " + day(w.testTo()),
                    w.chosen().map(c -> ReplayFigures.percent(c.result().totalReturnPercent())).orElse("-"),
                    ReplayFigures.percent(w.outOfSampleReturnPercent()),
                    w.outOfSample().map(r -> String.valueOf(r.metrics().trades())).orElse("0"),
                    RunIds.sweep(w.sweep().sweepId()),
                    w.chosen().map(c -> params(c.result().params())).orElse("no set ranked: nothing traded")));
        }
        lines.add("  out-of-sample, stitched: " + ReplayFigures.percent(o.stitchedPercent()) + "; mean per window:"
                + " in-sample " + ReplayFigures.percent(o.meanInSamplePercent()) + ", out-of-sample "
                + ReplayFigures.percent(o.meanOutOfSamplePercent()));
        int after = o.windows().size() - 1;
        lines.add("  the chosen set changed " + o.changes() + " of " + after + (after == 1 ? " time" : " times"));
        return lines;
    }

    /** An open time as its day, or its minute when it is not midnight UTC. */
    private static String day(long openTime) {
        String iso = iso(openTime);
        return iso.endsWith("T00:00:00Z") ? iso.substring(0, 10) : iso.substring(0, 16);
    }

    private static String pct(double percent) {
        return String.format(Locale.ROOT, "%.2f%%", percent);
    }

    private static String row(boolean byReturn, Object rank, String score, String totalReturn, String drawdown,
                              Object trades, String params) {
        return byReturn ? String.format(ROW_BY_RETURN, rank, totalReturn, drawdown, trades, params)
                : String.format(ROW, rank, score, totalReturn, drawdown, trades, params);
    }

    private static String score(OptionalDouble score) {
        if (score.isEmpty()) {
            return "n/a";
        }
        double d = score.getAsDouble();
        if (Double.isInfinite(d)) {
            return d > 0 ? "+inf" : "-inf";
        }
        return String.format("%.2f", d);
    }

    /** {@code {"oversold":"30","period":"10"}} as {@code --param} takes them: {@code oversold=30,period=10}. */
    static String params(String json) {
        String inner = json.strip();
        inner = inner.substring(1, inner.length() - 1);
        if (inner.isBlank()) {
            return "-";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : inner.split(",")) {
            String[] kv = pair.split(":", 2);
            pairs.add(kv[0].strip().replace("\"", "") + "=" + kv[1].strip().replace("\"", ""));
        }
        return String.join(",", pairs);
    }
}
