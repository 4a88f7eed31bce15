package dev.tradingbatch.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stored candle series: the exchange it came from, the symbol as users write it
 * ({@code BTC/USDT}, base/quote) and the timeframe.
 */
public record MarketKey(String exchange, String symbol, Timeframe timeframe) {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");
    private static final Pattern EXCHANGE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** A symbol as stored: upper-case BASE/QUOTE, e.g. {@code BTC/USDT}. */
    public static boolean isSymbol(String text) {
        return text != null && SYMBOL.matcher(text).matches();
    }

    /** An exchange name as stored: lower-case letters, digits, - or _ (an exchange, or a file import's --as). */
    public static boolean isExchangeName(String text) {
        return text != null && EXCHANGE_NAME.matcher(text).matches();
    }

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
