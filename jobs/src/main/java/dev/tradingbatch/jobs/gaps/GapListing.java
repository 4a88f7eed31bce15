package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketSummary;

import java.util.List;

/**
 * The stored series {@code gaps} lists, each with its missing ranges; empty when no candle is stored yet.
 *
 * @param maxAsks asks after which a range that came back empty is confirmed empty ({@code trading.gaps.max-asks})
 */
public record GapListing(List<Series> series, int maxAsks) {

    /** One stored series and every missing range inside it, oldest first. */
    public record Series(MarketSummary summary, List<Gap> gaps) {

        /** Ranges not confirmed empty: still to fill. */
        public long open() {
            return gaps.stream().filter(g -> !g.confirmedEmpty()).count();
        }

        /** Candles missing in the open ranges. */
        public long missing() {
            return gaps.stream().filter(g -> !g.confirmedEmpty()).mapToLong(Gap::missing).sum();
        }
    }
}
