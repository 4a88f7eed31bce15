package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluatedRuns;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;

import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * The likely cause of a trade only the live ledger or only the replay made, from the segment its candle fell in: a
 * candle the trader never evaluated, a segment evaluated under another declaration, a segment evaluated before some of
 * its candles were stored, a segment that restarted (its reason) with or without a position carried into it. What
 * cannot be told is said so.
 */
final class DriftCauses {

    private final DeclaredStrategy strategy;
    private final List<EvaluatedRuns.Segment> segments;

    DriftCauses(DeclaredStrategy strategy, List<EvaluatedRuns.Segment> segments) {
        this.strategy = strategy;
        this.segments = segments;
    }

    /** Why the trade on the candle opening at {@code candleTime} (UTC epoch ms) may be on one side only. */
    DriftReport.Cause of(long candleTime) {
        EvaluatedRuns.Segment in = null;
        for (EvaluatedRuns.Segment g : segments) {
            if (g.first() <= candleTime) {
                in = g;
            }
        }
        if (in == null || candleTime > in.last()) {
            EvaluatedRuns.Segment next = segments.stream().filter(g -> g.first() > candleTime).findFirst().orElse(null);
            return new DriftReport.Cause(DriftReport.Cause.Kind.MISSED, "candle not evaluated live" + (next == null ? ""
                    : next.restart().map(why -> ": the segment from " + iso(next.first()) + " restarted at the newest "
                    + "candle because " + reason(why)).orElse(": the first evaluation started at " + iso(next.first()))));
        }
        String segment = "the segment from " + iso(in.first());
        if (in.declaration() != null && !in.declaration().equals(strategy.identity())) {
            return new DriftReport.Cause(DriftReport.Cause.Kind.OTHER_DECLARATION, "evaluated live under another "
                    + "declaration: " + segment + " ran before the declaration changed (the replay uses the declaration now)");
        }
        int at = segments.indexOf(in);
        if (at + 1 < segments.size() && segments.get(at + 1).restart()
                .filter(why -> why == EvaluationResult.Restart.Why.HISTORY_CHANGED).isPresent()) {
            return different("candles stored late: " + segment + " was evaluated before some of its candles (or their "
                    + "warm-up) were stored, the replay sees them all");
        }
        String carried = in.carried().isPresent()
                ? ", with the position bought on the candle of " + iso(in.carried().getAsLong()) + " carried into it" : "";
        if (in.restart().isPresent()) {
            return different(segment + " restarted because " + reason(in.restart().get()) + carried
                    + " (the replay runs on through it)");
        }
        return different(in.carried().isPresent() ? segment + " started" + carried
                : "a different signal on the same candles (cause not known: candles changed since?)");
    }

    private static DriftReport.Cause different(String text) {
        return new DriftReport.Cause(DriftReport.Cause.Kind.DIFFERENT_SIGNAL, text);
    }

    private static String reason(EvaluationResult.Restart.Why why) {
        return switch (why) {
            case DECLARATION_CHANGED -> "the declaration changed";
            case RULES_CHANGED -> "the market's order rules changed";
            case HISTORY_CHANGED -> "candles were stored late (not stored when first evaluated)";
            case CLOSED -> "halt --close sold the position (the replay knows nothing of the halt)";
        };
    }
}
