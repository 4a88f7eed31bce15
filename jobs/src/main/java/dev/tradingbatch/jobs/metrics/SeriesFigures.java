package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.model.MarketKey;

import java.util.OptionalLong;

/**
 * One series' figures for the metrics, read from the database.
 *
 * @param newestAgeSeconds seconds since the newest stored candle closed (market clock); empty while none is stored
 * @param stored           candles stored
 * @param openGaps         missing ranges between the first and the newest stored candle nobody has confirmed empty
 * @param confirmedEmpty   missing ranges there the exchange confirmed empty (no trades)
 */
public record SeriesFigures(MarketKey market, OptionalLong newestAgeSeconds, long stored, long openGaps,
                            long confirmedEmpty) {
}
