package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.ExchangeFailure;
import jakarta.ws.rs.core.Response;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;
import si.mazi.rescu.HttpStatusIOException;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the three exchange sources share: reading BASE/QUOTE symbols, wording and classifying failures. */
final class SourceSupport {

    private static final Pattern SYMBOL = Pattern.compile("([A-Za-z0-9]+)/([A-Za-z0-9]+)");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");

    /** 429 Too Many Requests; Binance answers 418 once an IP keeps sending after 429s (a temporary ban). */
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int IP_BANNED = 418;

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

    /**
     * The cause's own message on one line, with the HTTP status added when the message does not
     * already say it. An HTTP error without a body the client could read is worded
     * {@code HTTP 503 Service Unavailable}; a body that is not the JSON expected
     * {@code malformed response body: <parser's complaint>}.
     */
    static String message(Throwable t) {
        Throwable real = unwrap(t);
        String message;
        if (real instanceof HttpStatusIOException http && !isSuccess(http.getHttpStatusCode())) {
            message = statusLine(http.getHttpStatusCode());
        } else if (real instanceof HttpStatusIOException) {
            // rescu's own wording when a 2xx body could not be mapped to the return type.
            message = "malformed response body: " + firstLine(real.getMessage());
        } else if (real instanceof JsonProcessingException json) {
            message = "malformed response body: " + firstLine(json.getOriginalMessage());
        } else {
            message = real.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = real.getClass().getSimpleName();
        }
        message = LINE_BREAKS.matcher(message.strip()).replaceAll(" ");
        int status = httpStatus(real);
        return status > 0 && !isSuccess(status) && !message.contains(Integer.toString(status))
                ? message + " (HTTP " + status + ")" : message;
    }

    /** e.g. {@code HTTP 503 Service Unavailable}, or {@code HTTP 418} for a code without a standard phrase. */
    static String statusLine(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : "HTTP " + status + " " + known.getReasonPhrase();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.strip().split("\\R", 2);
        return lines[0];
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * Whether sending the request again may help, judged from what the HTTP client threw:
     * 429 and 418 wait (for Retry-After when sent), 5xx and every network or parsing failure
     * back off, any other HTTP status is final, and so is an answer beyond the JSON parser's bounds.
     */
    static ExchangeFailure classify(Throwable t, Clock clock) {
        if (beyondParserBounds(t)) {
            // a number of thousands of digits (or a like absurdity) is what the exchange sends, not a cut answer
            return ExchangeFailure.permanent();
        }
        int status = httpStatus(t);
        if (status == TOO_MANY_REQUESTS || status == IP_BANNED) {
            return ExchangeFailure.throttled(header(t, "Retry-After").flatMap(v -> retryAfter(v, clock.instant())));
        }
        if (status >= 500 || isSuccess(status)) {
            // 2xx here means rescu could not map the body: a cut or garbled response.
            return ExchangeFailure.temporary();
        }
        if (status > 0) {
            return ExchangeFailure.permanent();
        }
        IOException io = find(t, IOException.class);
        // Timeouts, resets, truncated bodies, JSON syntax errors; a malformed URL is configuration.
        return io != null && !(io instanceof MalformedURLException)
                ? ExchangeFailure.temporary() : ExchangeFailure.permanent();
    }

    /**
     * Whether the JSON parser refused the answer for its size (a number of more than 1000 digits, ...): rescu keeps
     * only the parser's message, which names {@code StreamReadConstraints}, not the exception.
     */
    private static boolean beyondParserBounds(Throwable t) {
        if (find(t, StreamConstraintsException.class) != null) {
            return true;
        }
        String message = unwrap(t).getMessage();
        return message != null && message.contains("StreamReadConstraints");
    }

    /**
     * A Retry-After value: delay-seconds ({@code 7}) or an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT},
     * counted from {@code now}, never negative); empty when it is neither.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value == null ? "" : value.strip();
        if (SECONDS.matcher(v).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A response header (name case-insensitive) of the first cause in the chain that carries the response's headers. */
    static Optional<String> header(Throwable t, String name) {
        HttpResponseAware response = find(t, HttpResponseAware.class);
        return response == null ? Optional.empty() : header(response.getResponseHeaders(), name);
    }

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst();
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
    static <T> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
