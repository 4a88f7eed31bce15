package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.backfill.BackfillResult;
import org.springframework.batch.core.BatchStatus;

import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code backfill} prints about a {@link BackfillResult}. */
final class BackfillText {

    private BackfillText() {
    }

    static List<String> lines(BackfillResult result) {
        List<String> lines = new ArrayList<>();
        result.clipped().ifPresent(c -> lines.add(c.exchange() + " serves only its most recent " + c.timeframe()
                + " candles: " + (c.askedFrom().isPresent() ? "--from " + iso(c.askedFrom().getAsLong())
                : "the default history") + " is older; covering " + iso(c.earliest()) + " to "
                + iso(Math.max(c.earliest(), c.to())) + " instead"));
        switch (result) {
            case BackfillResult.NothingToBackfill n -> lines.add("nothing to backfill: " + n.market()
                    + (n.storedUpTo().isPresent() ? " is stored up to " + iso(n.storedUpTo().getAsLong())
                    : " has no closed candle in the range"));
            case BackfillResult.AlreadyCompleted a -> lines.add("nothing to do: " + a.target()
                    + " was completed by an earlier run");
            case BackfillResult.AlreadyRunning a -> lines.add("a backfill of " + a.target().market()
                    + " with these parameters is running already");
            case BackfillResult.NotStarted n -> lines.add(n.target() + " cannot start: " + n.reason());
            case BackfillResult.Ran r -> {
                RunText.continued(r.run().recovered()).ifPresent(lines::add);
                lines.add(r.target() + r.counts().map(c -> ": " + c.counts()).orElse("") + RunText.status(r.run()));
                if (r.run().status() == BatchStatus.STOPPED) {
                    lines.add("stopped at a chunk boundary: the same command, or jobs restart " + r.run().executionId()
                            + ", continues it");
                } else if (!r.run().completed()) {
                    lines.add(RunText.failed(r.run().exitDescription()));
                }
            }
        }
        return lines;
    }
}
