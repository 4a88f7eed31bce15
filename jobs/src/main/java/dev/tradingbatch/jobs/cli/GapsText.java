package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.gaps.GapFillResult;
import dev.tradingbatch.jobs.gaps.GapListing;
import dev.tradingbatch.model.Gap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What {@code gaps} and {@code backfill --fill-gaps} print. */
final class GapsText {

    private static final String ROW = "  %-22s %-22s %8s  %s";

    private GapsText() {
    }

    /** Each series with its counts, then a row per missing range. */
    static List<String> listing(GapListing listing) {
        if (listing.series().isEmpty()) {
            return List.of("no candles stored yet (see: backfill --help)");
        }
        List<String> lines = new ArrayList<>();
        for (GapListing.Series s : listing.series()) {
            long open = s.open();
            lines.add(s.summary().market() + "  " + Instant.ofEpochMilli(s.summary().firstOpenTime()) + " .. "
                    + Instant.ofEpochMilli(s.summary().lastOpenTime()) + "  " + s.summary().count() + " stored, " + open
                    + (open == 1 ? " gap" : " gaps") + " (" + s.missing() + " candles missing)"
                    + (s.gaps().size() > open ? ", " + (s.gaps().size() - open) + " confirmed empty" : ""));
            if (!s.gaps().isEmpty()) {
                lines.add(String.format(ROW, "START (UTC)", "END (UTC, excl.)", "MISSING", "STATUS"));
            }
            for (Gap g : s.gaps()) {
                lines.add(String.format(ROW, Instant.ofEpochMilli(g.start()), Instant.ofEpochMilli(g.end()),
                        g.missing(), status(g, listing.maxAsks())));
            }
        }
        return lines;
    }

    private static String status(Gap g, int maxAsks) {
        if (g.confirmedEmpty()) {
            return "confirmed empty (asked " + (g.asks() == 1 ? "once" : g.asks() + " times") + ")";
        }
        if (g.asks() == 0) {
            return "open, never asked";
        }
        return "open, asked " + g.asks() + " of " + maxAsks + " times" + (g.lastFound() > 0
                ? " (last ask brought " + g.lastFound() + " candles that were refused)" : "");
    }

    /** What a gap fill did. */
    static List<String> fill(GapFillResult result) {
        String what = "fill gaps " + result.market();
        return switch (result) {
            case GapFillResult.NothingStored n ->
                    List.of("no candles stored for " + n.market() + ": nothing to fill (backfill it first)");
            case GapFillResult.NoGaps n -> List.of("no gaps to fill in " + n.market() + " (see: gaps)");
            case GapFillResult.AlreadyRunning a -> List.of("a gap fill of " + a.market() + " is running already");
            case GapFillResult.NotStarted n ->
                    List.of(what + continuing(n.continuing()) + " cannot start: " + n.reason());
            case GapFillResult.Ran r -> {
                List<String> lines = new ArrayList<>();
                RunText.continued(r.run().recovered()).ifPresent(lines::add);
                lines.add(what + continuing(r.continuing()) + r.counts().map(c -> ": " + c.counts()).orElse("")
                        + r.asks().map(a -> "; " + a).orElse("") + RunText.status(r.run()));
                if (!r.run().completed()) {
                    lines.add(RunText.failed(r.run().exitDescription()));
                }
                yield lines;
            }
        };
    }

    private static String continuing(boolean continuing) {
        return continuing ? " (continuing an unfinished fill)" : "";
    }
}
