package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.TradeRow;

import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code evaluate} prints about an {@link EvaluationResult}. */
final class EvaluationText {

    private EvaluationText() {
    }

    static List<String> lines(EvaluationResult result) {
        DeclaredStrategy s = result.strategy();
        String what = "evaluate " + s.id() + " (" + s.spec().type().code() + " on " + s.market() + ")";
        List<String> lines = new ArrayList<>();
        switch (result) {
            case EvaluationResult.Evaluated e -> {
                RunText.continued(e.run().recovered()).ifPresent(lines::add);
                e.restart().ifPresent(r -> lines.add(what + ": " + r.text()));
                lines.add(what + ": " + e.evaluated() + (e.evaluated() == 1 ? " candle" : " candles")
                        + " evaluated up to " + iso(e.through()) + ", " + e.trades().size()
                        + (e.trades().size() == 1 ? " trade" : " trades") + RunText.status(e.run()));
                e.trades().forEach(t -> lines.add("  " + trade(t)));
                e.skipped().forEach(line -> lines.add("  " + line));
                e.open().ifPresent(t -> lines.add("  open position: " + t.quantity().toPlainString() + " bought at "
                        + t.price().toPlainString() + " on the candle of " + iso(t.candleTime())));
            }
            case EvaluationResult.NothingNew n ->
                    lines.add(what + ": nothing new, evaluated up to the candle of " + iso(n.evaluatedThrough()));
            case EvaluationResult.CandleNotStored c -> lines.add(what + ": the candle of " + iso(c.through())
                    + " is not stored yet (" + (c.newestStored().isEmpty() ? "no candles stored"
                    : "newest stored: " + iso(c.newestStored().getAsLong()))
                    + "); nothing evaluated, run the backfill first");
            case EvaluationResult.NotEnoughHistory h -> lines.add(what + ": needs " + s.spec().warmUpBars()
                    + " candles of history before " + iso(h.first()) + ", stored from " + iso(h.firstStored())
                    + " only; nothing evaluated (backfill --from " + iso(h.loadFrom()) + ")");
            case EvaluationResult.OpenGaps o -> lines.add(what + ": " + o.count() + (o.count() == 1 ? " gap" : " gaps")
                    + " in the candles it needs, first " + range(o.first())
                    + "; nothing evaluated (backfill --fill-gaps)");
            case EvaluationResult.Halted h -> lines.add(what + ": " + HaltText.of(h.halt())
                    + "; nothing evaluated (" + HaltText.resume(h.halt()) + " lifts it)");
            case EvaluationResult.AlreadyRunning a ->
                    lines.add(what + ": an evaluation for the candle of " + iso(a.through()) + " is running already");
            case EvaluationResult.NotStarted n -> lines.add(what + " cannot start: " + n.reason());
            case EvaluationResult.Failed f -> {
                RunText.continued(f.run().recovered()).ifPresent(lines::add);
                lines.add(what + ": " + f.run().status() + ", execution " + f.run().executionId());
                lines.add(RunText.failed(f.run().exitDescription()));
            }
        }
        return lines;
    }

    /** {@code buy 0.0238 at 42000.5 on the candle of 2024-01-01T05:00:00Z, pnl 12.5 (1.25%)}. */
    private static String trade(TradeRow t) {
        return t.side() + " " + t.quantity().toPlainString() + " at " + t.price().toPlainString() + " on the candle of "
                + iso(t.candleTime()) + (t.pnl() == null ? "" : ", pnl " + t.pnl().toPlainString() + " ("
                + t.pnlPercent().toPlainString() + "%)");
    }

    private static String range(Gap g) {
        return "[" + iso(g.start()) + ", " + iso(g.end()) + ")";
    }
}
