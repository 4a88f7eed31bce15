package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.db.Timeframe;
import si.mazi.rescu.HttpStatusException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the three exchange sources share: reading BASE/QUOTE symbols and wording failures. */
final class SourceSupport {

    private static final Pattern SYMBOL = Pattern.compile("([A-Za-z0-9]+)/([A-Za-z0-9]+)");

    private SourceSupport() {
    }

    /** A symbol as the user wrote it, split into upper-case currency codes. */
    record Pair(String base, String quote) {
    }

    static Pair parse(String symbol) {
        Matcher m = symbol == null ? null : SYMBOL.matcher(symbol);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("symbol '" + symbol + "' is not BASE/QUOTE, e.g. BTC/USDT");
        }
        return new Pair(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT));
    }

    static void checkRange(long from, long to) {
        if (from >= to) {
            throw new IllegalArgumentException("empty range " + range(from, to));
        }
    }

    /** {@code [from, to)} as UTC ISO instants, the way every failure message shows a range (inputs in epoch ms). */
    static String range(long from, long to) {
        return "[" + Instant.ofEpochMilli(from) + ", " + Instant.ofEpochMilli(to) + ")";
    }

    /** e.g. {@code binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): Invalid interval.} */
    static String failure(String exchange, String endpoint, String symbol, Timeframe timeframe, String what,
                          Throwable cause) {
        return failure(exchange, endpoint, symbol, timeframe, what, message(cause));
    }

    static String failure(String exchange, String endpoint, String symbol, Timeframe timeframe, String what,
                          String detail) {
        return exchange + " GET " + endpoint + " " + symbol + " " + timeframe.code() + " " + what + ": " + detail;
    }

    /**
     * The exception a proxy call really threw: rescu proxies of interfaces whose methods declare no
     * IOException (Kraken's getOHLC) surface HTTP failures wrapped in UndeclaredThrowableException.
     */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof UndeclaredThrowableException || current instanceof InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The cause's own message, with the HTTP status added when the message does not already say it. */
    static String message(Throwable t) {
        Throwable real = unwrap(t);
        String message = real.getMessage();
        if (message == null || message.isBlank()) {
            message = real.getClass().getSimpleName();
        }
        int status = httpStatus(real);
        return status > 0 && !message.contains(Integer.toString(status)) ? message + " (HTTP " + status + ")" : message;
    }

    /** The HTTP status rescu recorded anywhere in the cause chain, or -1 when the failure was not an HTTP answer. */
    static int httpStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpStatusException status) {
                return status.getHttpStatusCode();
            }
        }
        return -1;
    }

    /** Finds the first cause of the given type (XChange wraps exchange-specific exceptions in its own). */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
