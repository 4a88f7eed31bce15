package dev.tradingbatch.readers.orders;

import java.util.Objects;

/**
 * An exchange account's API key and secret, as read from where its configuration says (an environment
 * variable or a file). Held only in memory, never printed: {@link #toString()} says nothing about them,
 * so that no log line, exception message or job parameter built from an object holding them can leak them.
 */
public final class ApiCredentials {

    private final String apiKey;
    private final String secret;

    public ApiCredentials(String apiKey, String secret) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** Sent as the {@code X-MBX-APIKEY} header (Binance). */
    String apiKey() {
        return apiKey;
    }

    /** Signs requests; never sent. */
    String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "ApiCredentials[hidden]";
    }
}
