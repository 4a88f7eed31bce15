package dev.tradingbatch.db;

/** A row of {@code strategies} as reports show it: the strategy's id, its type and the market it trades. */
public record StoredStrategy(String id, String type, String exchange, String symbol, String timeframe) {

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
