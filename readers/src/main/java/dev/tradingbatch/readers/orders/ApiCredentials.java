package dev.tradingbatch.readers.orders;

import java.util.Objects;
import java.util.Optional;

/**
 * An exchange account's API key and secret (and, on Coinbase Exchange, the passphrase chosen with the key), as
 * read from where its configuration says (an environment variable or a file). Held only in memory, never
 * printed: {@link #toString()} says nothing about them, so that no log line, exception message or job parameter
 * built from an object holding them can leak them.
 */
public final class ApiCredentials {

    private final String apiKey;
    private final String secret;
    private final String passphrase;

    /** A key and secret without a passphrase (Binance). */
    public ApiCredentials(String apiKey, String secret) {
        this(apiKey, secret, null);
    }

    /** A key, secret and passphrase (Coinbase Exchange); {@code passphrase} null when the exchange has none. */
    public ApiCredentials(String apiKey, String secret, String passphrase) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.passphrase = passphrase;
    }

    /** Sent as the {@code X-MBX-APIKEY} header (Binance) or {@code CB-ACCESS-KEY} (Coinbase). */
    String apiKey() {
        return apiKey;
    }

    /** Signs requests; never sent. */
    String secret() {
        return secret;
    }

    /** Sent as the {@code CB-ACCESS-PASSPHRASE} header (Coinbase); empty when none was given. */
    Optional<String> passphrase() {
        return Optional.ofNullable(passphrase);
    }

    @Override
    public String toString() {
        return "ApiCredentials[hidden]";
    }
}
