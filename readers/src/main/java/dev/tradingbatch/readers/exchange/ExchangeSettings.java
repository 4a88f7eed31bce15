package dev.tradingbatch.readers.exchange;

import java.util.Objects;

/** Everything configurable about reading one exchange: where, how long a request may take, how often to retry, how fast to ask. */
public record ExchangeSettings(String baseUrl, HttpTimeouts timeouts, RetryPolicy retry, RateBudget budget) {

    public ExchangeSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(budget, "budget");
    }

    public static ExchangeSettings binance() {
        return new ExchangeSettings(BinanceCandleSource.DEFAULT_BASE_URL, HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                RateBudget.BINANCE);
    }

    public static ExchangeSettings coinbase() {
        return new ExchangeSettings(CoinbaseCandleSource.DEFAULT_BASE_URL, HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                RateBudget.COINBASE);
    }

    public static ExchangeSettings kraken() {
        return new ExchangeSettings(KrakenCandleSource.DEFAULT_BASE_URL, HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                RateBudget.KRAKEN);
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
