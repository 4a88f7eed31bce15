package dev.tradingbatch.jobs;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;

/**
 * The stored span of a series, as a command over a range of its candles starts from: the open times (UTC epoch ms)
 * of its oldest and newest candle.
 */
public record StoredSeries(MarketKey market, long first, long last) {

    /** The span of {@code market}; bad input when nothing is stored. */
    public static StoredSeries of(CandleRepository candles, MarketKey market) {
        long first = candles.firstOpenTime(market).orElseThrow(
                () -> new BadInputException("no candles stored for " + market + " (see: backfill --help)"));
        return new StoredSeries(market, first, candles.latestOpenTime(market).orElseThrow());
    }

    /** Just after the newest candle: the default end of a range. */
    public long end() {
        return last + market.timeframe().millis();
    }
}
