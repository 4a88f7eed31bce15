package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.jobs.drift.DriftReport;
import dev.tradingbatch.jobs.drift.DriftScores;
import dev.tradingbatch.jobs.evaluate.EvaluatedRuns;

import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code drift} prints: the score, then the trades by kind, the live segments and a live strategy's fills. */
final class DriftText {

    private DriftText() {
    }

    static List<String> lines(DriftReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("drift of " + r.strategy().id() + " (" + r.strategy().spec().label() + " on " + r.strategy().market()
                + ") from " + iso(r.from()) + " to " + iso(r.to()) + ", replayed as declared now");
        lines.add("  drift score        " + r.scorePercent().toPlainString() + " % (" + r.matched().size() + " matched, "
                + r.onlyLive().size() + " only live, " + r.onlyReplay().size() + " only replay)");
        lines.add("  mean |price diff|  " + r.meanPriceDifferenceBps().toPlainString() + " bps");
        if (!r.matched().isEmpty()) {
            lines.add("matched trades (live price, replay price, difference):");
            r.matched().forEach(m -> lines.add("  " + iso(m.candleTime()) + " " + pad(m.side()) + " " + m.live()
                    .toPlainString() + "  " + m.replay().toPlainString() + "  " + m.differenceBps().toPlainString() + " bps"));
        }
        unmatched(lines, "only live", r.onlyLive());
        unmatched(lines, "only replay", r.onlyReplay());
        if (!r.segments().isEmpty()) {
            lines.add("live segments:");
            r.segments().forEach(g -> lines.add("  " + segment(g)));
        }
        if (!r.executions().isEmpty()) {
            lines.add("fills against the modelled price (average fill, modelled, bps, positive: worse than modelled):");
            for (ReportRepository.Execution e : r.executions()) {
                lines.add("  " + iso(e.candleTime()) + " " + pad(e.side()) + " " + e.price().toPlainString() + "  "
                        + e.modelPrice().toPlainString() + "  " + e.slippageBps().toPlainString() + " bps");
            }
            lines.add("  mean " + r.meanSlippageBps().orElseThrow().toPlainString() + " bps over " + r.executions().size()
                    + (r.executions().size() == 1 ? " order" : " orders"));
        }
        return lines;
    }

    /** What {@code drift --all} prints: the run, then each strategy's score or why it has none. */
    static List<String> stored(DriftScores.Outcome o) {
        List<String> lines = new ArrayList<>();
        if (o.run().isEmpty()) {
            lines.add("driftJob not started: " + o.notStarted().orElse(""));
            return lines;
        }
        var run = o.run().get();
        lines.add("driftJob execution " + run.executionId() + " " + run.status() + ": " + o.stored()
                + (o.stored() == 1 ? " score" : " scores") + " stored, " + o.drifting() + " drifting"
                + RunText.continued(run.recovered()).map(c -> "; " + c).orElse("")
                + (run.completed() ? "" : "; " + RunText.failed(run.exitDescription())));
        o.lines().forEach(l -> lines.add("  " + l));
        return lines;
    }

    private static void unmatched(List<String> lines, String title, List<DriftReport.Unmatched> trades) {
        if (!trades.isEmpty()) {
            lines.add(title + ":");
            trades.forEach(t -> lines.add("  " + iso(t.candleTime()) + " " + pad(t.side()) + " "
                    + t.price().toPlainString() + "  " + t.cause()));
        }
    }

    private static String segment(EvaluatedRuns.Segment g) {
        return iso(g.first()) + " through " + iso(g.last()) + g.restart().map(why -> ": restarted, " + switch (why) {
            case DECLARATION_CHANGED -> "declaration changed";
            case RULES_CHANGED -> "order rules changed";
            case HISTORY_CHANGED -> "candles stored late";
            case CLOSED -> "closed by halt --close";
        }).orElse(": first") + (g.carried().isPresent() ? ", position bought on the candle of "
                + iso(g.carried().getAsLong()) + " carried in" : "");
    }

    private static String pad(String side) {
        return side.length() < 4 ? side + " " : side;
    }
}
