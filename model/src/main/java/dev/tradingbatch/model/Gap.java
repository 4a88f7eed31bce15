package dev.tradingbatch.model;

/**
 * A missing range inside a stored series: open times in {@code [start, end)} (UTC epoch ms) on the
 * timeframe grid, with the stored candles at {@code start - timeframe} and at {@code end}.
 *
 * @param asks           times an exchange was asked for exactly this range (0 when never)
 * @param lastFound      candles the last ask brought back
 * @param confirmedEmpty the exchange answered empty often enough: never asked again, not a hole
 */
public record Gap(MarketKey market, long start, long end, int asks, long lastFound, boolean confirmedEmpty) {

    /** Candles missing in the range. */
    public long missing() {
        return (end - start) / market.timeframe().millis();
    }
}
