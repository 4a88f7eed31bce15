package dev.tradingbatch.readers.exchange;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Everything configurable about reading one exchange: where, how long a request may take, how often
 * to retry, how fast to ask. Each exchange's defaults are in {@link Exchanges}. Like the records it
 * holds, it names a wrong value by its configuration key ({@code base-url}), so that a caller can say
 * where that key is set.
 */
public record ExchangeSettings(String baseUrl, HttpTimeouts timeouts, RetryPolicy retry, RateBudget budget) {

    public ExchangeSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(budget, "budget");
        checkUrl(baseUrl);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // worded below, as any other URL that is not http(s)://host
        }
        throw new IllegalArgumentException("base-url must be an http or https URL, was '" + url + "'");
    }

    public ExchangeSettings withBaseUrl(String url) {
        return new ExchangeSettings(url, timeouts, retry, budget);
    }

    public ExchangeSettings withTimeouts(HttpTimeouts t) {
        return new ExchangeSettings(baseUrl, t, retry, budget);
    }

    public ExchangeSettings withRetry(RetryPolicy r) {
        return new ExchangeSettings(baseUrl, timeouts, r, budget);
    }

    public ExchangeSettings withBudget(RateBudget b) {
        return new ExchangeSettings(baseUrl, timeouts, retry, b);
    }
}
