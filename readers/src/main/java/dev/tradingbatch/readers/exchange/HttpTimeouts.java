package dev.tradingbatch.readers.exchange;

import org.knowm.xchange.ExchangeSpecification;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one exchange request may take to connect and then to wait for data. A request that
 * times out fails as temporary, so {@link ResilientCandleSource} sends it again. A wrong value is
 * named by its configuration key ({@code connect-timeout}).
 */
public record HttpTimeouts(Duration connect, Duration read) {

    /** 10 s to connect, 30 s between bytes of the answer. */
    public static final HttpTimeouts DEFAULT = new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public HttpTimeouts {
        check(connect, "connect-timeout");
        check(read, "read-timeout");
    }

    private static void check(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        // HttpURLConnection takes whole milliseconds as an int, and 0 would mean "wait forever".
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and ~24 days, was " + timeout);
        }
    }

    /** Sets both timeouts on the specification XChange builds its rescu proxies from. */
    void applyTo(ExchangeSpecification spec) {
        spec.setHttpConnTimeout((int) connect.toMillis());
        spec.setHttpReadTimeout((int) read.toMillis());
    }
}
