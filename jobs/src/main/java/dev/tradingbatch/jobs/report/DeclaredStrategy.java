package dev.tradingbatch.jobs.report;

/** A row of {@code strategies}: the strategy's id, its type and the market it trades. */
record DeclaredStrategy(String id, String type, String exchange, String symbol, String timeframe) {

    /** {@code binance BTC/USDT 1h}, as the other commands name a market. */
    String market() {
        return exchange + " " + symbol + " " + timeframe;
    }

    /** The currency pnl is counted in: the quote of BASE/QUOTE, or empty when the symbol has no quote. */
    String quote() {
        int slash = symbol.indexOf('/');
        return slash < 0 ? "" : symbol.substring(slash + 1);
    }
}
