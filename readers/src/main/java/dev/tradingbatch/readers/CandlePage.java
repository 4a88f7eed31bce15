package dev.tradingbatch.readers;

import dev.tradingbatch.model.RawCandle;

import java.util.List;

/**
 * One exchange response: its closed candles (oldest first) and the open time the next request starts at.
 *
 * @param derived     whether the candles were built from the exchange's trades rather than published by it as
 *                    candles (Kraken, older than its OHLC window)
 * @param differences where candles derived from trades were compared with those the exchange published for the
 *                    same intervals (not part of this page) and differ: one line each, for the log and the result
 */
public record CandlePage(List<RawCandle> candles, long nextFrom, boolean derived, List<String> differences) {

    public CandlePage {
        candles = List.copyOf(candles);
        differences = List.copyOf(differences);
    }

    /** Candles the exchange published as such. */
    public CandlePage(List<RawCandle> candles, long nextFrom) {
        this(candles, nextFrom, false, List.of());
    }
}
