package dev.tradingbatch.readers;

import dev.tradingbatch.model.RawCandle;

import java.util.List;

/** One exchange response: its closed candles (oldest first) and the open time the next request starts at. */
public record CandlePage(List<RawCandle> candles, long nextFrom) {

    public CandlePage {
        candles = List.copyOf(candles);
    }
}
