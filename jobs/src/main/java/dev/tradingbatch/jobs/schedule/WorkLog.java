package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import dev.tradingbatch.jobs.gaps.GapFillResult;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.model.TradeRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * One log line per scheduled piece of work, from the fields of its result: INFO when it did its work or had
 * none to do, WARN when it failed. (Each job run also logs its own line, with its counts: see {@code RunLog}.)
 */
final class WorkLog {

    /** The scheduler's own logger, as the lines have always been logged under. */
    private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);

    private WorkLog() {
    }

    static void backfill(BackfillResult result) {
        String clipped = result.clipped().map(c -> "; " + c.exchange() + " serves " + c.timeframe()
                + " candles from " + iso(c.earliest()) + " only").orElse("");
        switch (result) {
            case BackfillResult.NothingToBackfill n -> log.info("backfill {}: nothing to backfill, {}{}", n.market(),
                    n.storedUpTo().isPresent() ? "stored up to " + iso(n.storedUpTo().getAsLong())
                            : "no closed candle in the range", clipped);
            case BackfillResult.AlreadyCompleted a ->
                    log.info("{}: completed by an earlier run{}", a.target(), clipped);
            case BackfillResult.AlreadyRunning a ->
                    log.warn("{}: a backfill with these parameters is running already{}", a.target(), clipped);
            case BackfillResult.NotStarted n -> log.warn("{}: cannot start: {}{}", n.target(), n.reason(), clipped);
            case BackfillResult.Ran r -> ran(r.target().toString(), r.run(),
                    r.counts().map(BackfillSummary::counts).orElse("no step ran"), clipped);
        }
    }

    static void gapFill(GapFillResult result) {
        String what = "fill gaps " + result.market();
        switch (result) {
            case GapFillResult.NothingStored n -> log.info("{}: no candles stored, nothing to fill", what);
            case GapFillResult.NoGaps n -> log.info("{}: no gaps to fill", what);
            case GapFillResult.AlreadyRunning a -> log.warn("{}: a gap fill is running already", what);
            case GapFillResult.NotStarted n -> log.warn("{}: cannot start: {}", what, n.reason());
            case GapFillResult.Ran r -> ran(what + (r.continuing() ? " (continuing an unfinished fill)" : ""), r.run(),
                    r.counts().map(BackfillSummary::counts).orElse("no fill step ran") + r.asks().map(a -> "; " + a)
                            .orElse(""), "");
        }
    }

    static void evaluation(EvaluationResult result) {
        DeclaredStrategy s = result.strategy();
        String what = "evaluate " + s.id() + " (" + s.spec().type().code() + " on " + s.market() + ")";
        switch (result) {
            case EvaluationResult.Evaluated e -> ran(what, e.run(), e.restart().map(r -> r.text() + "; ").orElse("")
                    + count(e.evaluated(), "candle")
                    + " evaluated up to " + iso(e.through()) + ", " + count(e.trades().size(), "trade"),
                    e.trades().stream().map(WorkLog::trade).collect(Collectors.joining())
                    + e.open().map(t -> "; open position " + t.quantity().toPlainString() + " bought at "
                    + t.price().toPlainString() + " on the candle of " + iso(t.candleTime())).orElse("")
                    + e.skipped().stream().map(line -> "; " + line).collect(Collectors.joining()));
            case EvaluationResult.NothingNew n ->
                    log.info("{}: nothing new, evaluated up to the candle of {}", what, iso(n.evaluatedThrough()));
            case EvaluationResult.CandleNotStored c -> log.info("{}: the candle of {} is not stored yet ({}); nothing "
                    + "evaluated", what, iso(c.through()), c.newestStored().isEmpty() ? "no candles stored"
                    : "newest stored: " + iso(c.newestStored().getAsLong()));
            case EvaluationResult.NotEnoughHistory h -> log.info("{}: needs {} candles of history before {}, stored "
                    + "from {} only; nothing evaluated", what, s.spec().warmUpBars(), iso(h.first()),
                    iso(h.firstStored()));
            case EvaluationResult.OpenGaps o -> log.info("{}: {} in the candles it needs, first [{}, {}); nothing "
                    + "evaluated", what, count(o.count(), "open gap"), iso(o.first().start()), iso(o.first().end()));
            case EvaluationResult.Halted h -> log.info("{}: skipped, halted: halt={} since={} reason={}; nothing "
                    + "evaluated", what, h.halt().all() ? "all" : "strategy", iso(h.halt().haltedAt()),
                    h.halt().reason().orElse("none"));
            case EvaluationResult.AlreadyRunning a ->
                    log.warn("{}: an evaluation for the candle of {} is running already", what, iso(a.through()));
            case EvaluationResult.NotStarted n -> log.warn("{}: cannot start: {}", what, n.reason());
            case EvaluationResult.Failed f -> ran(what, f.run(), "nothing evaluated", "");
        }
    }

    /** A reconciliation: what it found, a shortfall as a warning. */
    static void reconciled(dev.tradingbatch.jobs.reconcile.ReconcileService.Outcome o) {
        String what = "reconcile " + o.account();
        if (o.run().isEmpty()) {
            log.warn("{}: not started, {}", what, o.notStarted().orElse(""));
            return;
        }
        String details = o.lines().stream().map(l -> "; " + l).reduce("", String::concat);
        if (o.shortfalls() > 0) {
            log.warn("{}: {} ({}, execution {}){}", what, o.summary(), o.run().get().status(),
                    o.run().get().executionId(), details);
            return;
        }
        ran(what, o.run().get(), o.run().get().completed() ? o.summary() : "not reconciled", details);
    }

    /** An alerts pass: what it recorded and sent, a failed delivery as a warning (each is logged as it fails). */
    static void alerts(dev.tradingbatch.jobs.alerts.AlertService.Outcome o) {
        if (o.recorded() == 0 && o.sent() == 0 && o.failed() == 0) {
            return;   // nothing new: a line a minute would bury the others
        }
        String line = "alerts: " + count(o.recorded(), "alert") + " recorded, " + o.sent() + " sent"
                + (o.failed() == 0 ? "" : ", " + o.failed() + " not sent (tried again later)");
        if (o.failed() == 0) {
            log.info("{}", line);
        } else {
            log.warn("{}", line);
        }
    }

    /** A drift computation: each strategy's score, a failed run as a warning. */
    static void drift(dev.tradingbatch.jobs.drift.DriftScores.Outcome o) {
        if (o.run().isEmpty()) {
            log.warn("drift: not started, {}", o.notStarted().orElse(""));
            return;
        }
        ran("drift", o.run().get(), count(o.stored(), "score") + " stored, " + o.drifting() + " drifting",
                o.lines().stream().map(l -> "; " + l).collect(Collectors.joining()));
    }

    /**
     * A job that ran: what it did, its status and execution, {@code details} (each starting {@code "; "}), the
     * dead run it continued, why it failed.
     */
    private static void ran(String what, JobRun run, String did, String details) {
        String line = what + ": " + did + " (" + run.status() + ", execution " + run.executionId() + ")" + details
                + run.recovered().map(r -> "; " + r.restarting()).orElse("")
                + (run.completed() ? "" : "; failed: " + run.exitDescription());
        if (run.completed()) {
            log.info("{}", line);
        } else {
            log.warn("{}", line);
        }
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String trade(TradeRow t) {
        return "; " + t.side() + " " + t.quantity().toPlainString() + " at " + t.price().toPlainString()
                + " on the candle of " + iso(t.candleTime())
                + (t.pnl() == null ? "" : ", pnl " + t.pnl().toPlainString());
    }
}
