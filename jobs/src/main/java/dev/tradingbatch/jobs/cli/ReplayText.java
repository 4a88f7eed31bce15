package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.replay.ReplayRuns;
import dev.tradingbatch.jobs.replay.ReplayService;

import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code replay} and {@code replay list} print. */
final class ReplayText {

    private static final String ROW = "%-12s %-16s %-44s %-9s %7s %7s  %s";

    private ReplayText() {
    }

    /** The run's summary line, the coverage of the candles it read, and its figures, a line each. */
    static List<String> outcome(ReplayService.Outcome o) {
        List<String> lines = new ArrayList<>();
        RunText.continued(o.recovered()).ifPresent(lines::add);
        lines.add("replay " + o.strategy().id() + " (" + o.strategy().spec().label() + " on " + o.strategy().market()
                + ") [" + iso(o.from()) + ", " + iso(o.to()) + "): " + o.evaluated() + " candles, " + o.trades() + (o.trades() == 1 ? " fill" : " fills") + ", run " + o.runId() + " ("
                + o.status() + ", execution " + o.executionId() + ")");
        // the candles read, warm-up included: a hole there changes the indicators too
        lines.add(String.format("  %-18s %s", "coverage", "[" + iso(o.coverage().from()) + ", "
                + iso(o.coverage().to()) + "): " + o.coverage().text()));
        o.figures().forEach((name, value) -> lines.add(String.format("  %-18s %s", name, value)));
        o.skipped().forEach(line -> lines.add("  " + line));
        return lines;
    }

    /** The recorded replays, a row each under a header. */
    static List<String> runs(List<ReplayRuns.ReplayRun> runs) {
        if (runs.isEmpty()) {
            return List.of("no replays recorded yet (see: replay --help)");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(ROW, "RUN", "STRATEGY", "RANGE (UTC)", "STATUS", "CANDLES", "TRADES", "PARAMETERS"));
        for (ReplayRuns.ReplayRun r : runs) {
            lines.add(String.format(ROW, r.runId(), r.strategy(), iso(r.from()) + " .. " + iso(r.to()),
                    r.status(), r.evaluated(), r.trades(), r.params() + ", stake " + r.stake() + ", fee " + r.feeRate()
                            + ", slippage " + r.slippageBps() + " bps"));
        }
        return lines;
    }
}
