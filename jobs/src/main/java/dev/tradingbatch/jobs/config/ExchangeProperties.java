package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.readers.archive.BinanceArchive;
import dev.tradingbatch.readers.exchange.ExchangeSettings;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.exchange.RateBudget;
import dev.tradingbatch.readers.exchange.RetryPolicy;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code trading.exchanges.<name>} changes of the exchange's default settings (its entry in
 * {@link dev.tradingbatch.readers.exchange.Exchanges}); each setting left unset keeps the default.
 *
 * @param baseUrl        the exchange's REST API: its public host when unset; a testnet, proxy or local server otherwise
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 * @param maxAttempts    requests made for one page before the job fails (1: no retry)
 * @param initialBackoff wait before the first retry; doubled for each further one
 * @param maxBackoff     longest wait between retries
 * @param maxRetryAfter  longest Retry-After (429/418) obeyed; a longer one fails the request
 * @param budget         request weight allowed per window, per process
 * @param archiveUrl     Binance only: its public data archive ({@code backfill --source archive}), by default
 *                       {@value BinanceArchive#DEFAULT_URL}; a mirror or local server otherwise
 */
public record ExchangeProperties(String baseUrl, Duration connectTimeout, Duration readTimeout, Integer maxAttempts,
                                 Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                                 @DefaultValue Budget budget, String archiveUrl) {

    /**
     * @param limit         weight allowed per window (Binance: 6000)
     * @param window        the window (Binance: 1m)
     * @param requestWeight weight of one candle request (Binance klines: 2)
     */
    public record Budget(Long limit, Duration window, Long requestWeight) {
    }

    /**
     * {@code defaults} with what is set here. A value the settings refuse is bad input naming its key
     * under {@code key}, where these properties are set: {@code trading.exchanges.binance.max-attempts
     * must be at least 1, was 0}.
     */
    ExchangeSettings over(ExchangeSettings defaults, String key) {
        ExchangeSettings s;
        try {
            s = baseUrl == null || baseUrl.isBlank() ? defaults : defaults.withBaseUrl(baseUrl.strip());
            HttpTimeouts t = s.timeouts();
            s = s.withTimeouts(new HttpTimeouts(or(connectTimeout, t.connect()), or(readTimeout, t.read())));
            RetryPolicy r = s.retry();
            s = s.withRetry(new RetryPolicy(maxAttempts == null ? r.maxAttempts() : maxAttempts,
                    or(initialBackoff, r.initialBackoff()), or(maxBackoff, r.maxBackoff()),
                    or(maxRetryAfter, r.maxRetryAfter())));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(key + "." + e.getMessage());
        }
        RateBudget b = s.budget();
        try {
            return s.withBudget(new RateBudget(budget.limit() == null ? b.limit() : budget.limit(),
                    or(budget.window(), b.window()),
                    budget.requestWeight() == null ? b.requestWeight() : budget.requestWeight()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(key + ".budget." + e.getMessage());
        }
    }

    /**
     * The archive URL set here, checked: bad input naming {@code key.archive-url} when it is not an http(s) URL or
     * is set for an exchange without an archive.
     */
    Optional<String> archiveUrl(String exchange, String key) {
        if (archiveUrl == null || archiveUrl.isBlank()) {
            return Optional.empty();
        }
        if (!Exchanges.BINANCE.name().equals(exchange)) {
            throw new BadInputException(key + ".archive-url: only binance has a public data archive");
        }
        try {
            return Optional.of(Exchanges.BINANCE.defaults().withBaseUrl(archiveUrl.strip()).baseUrl());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(key + ".archive-url" + e.getMessage().substring("base-url".length()));
        }
    }

    private static Duration or(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
