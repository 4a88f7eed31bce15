package dev.tradingbatch.db;

import java.util.Objects;

/**
 * One stored candle series: the exchange it came from, the symbol as users write it
 * ({@code BTC/USDT}, base/quote) and the timeframe.
 */
public record MarketKey(String exchange, String symbol, Timeframe timeframe) {

    public MarketKey {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }

    @Override
    public String toString() {
        return exchange + " " + symbol + " " + timeframe.code();
    }
}
