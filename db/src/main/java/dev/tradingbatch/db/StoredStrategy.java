package dev.tradingbatch.db;

import java.util.OptionalInt;

/**
 * A row of {@code strategies} as reports show it: the strategy's id, its type, the market it trades and the
 * decimals of that market's prices (its candles' price scale; empty while none is stored), which amounts in its
 * quote currency are shown at.
 */
public record StoredStrategy(String id, String type, String exchange, String symbol, String timeframe,
                             OptionalInt priceDecimals) {

    public StoredStrategy(String id, String type, String exchange, String symbol, String timeframe) {
        this(id, type, exchange, symbol, timeframe, OptionalInt.empty());
    }

    /** {@code binance BTC/USDT 1h}, as the commands name a market. */
    public String market() {
        return exchange + " " + symbol + " " + timeframe;
    }

    /** The currency pnl is counted in: the quote of BASE/QUOTE, or empty when the symbol has no quote. */
    public String quote() {
        int slash = symbol.indexOf('/');
        return slash < 0 ? "" : symbol.substring(slash + 1);
    }
}
