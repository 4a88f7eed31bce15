package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.exchange.ExchangeSettings;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.exchange.RateBudget;
import dev.tradingbatch.readers.exchange.RetryListener;
import dev.tradingbatch.readers.exchange.RetryPolicy;
import dev.tradingbatch.readers.exchange.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The exchanges a backfill can read from, one per exchange and process (each keeps the exchange's
 * request budget), pointed at the configured base URL, retrying faults as configured.
 */
@Component
public class CandleSources {

    private static final Logger log = LoggerFactory.getLogger(CandleSources.class);

    private final Map<String, Supplier<CandleSource>> factories = new LinkedHashMap<>();
    /** The sources built so far: each on first use, since most commands (evaluate, replay, report) need none. */
    private final Map<String, CandleSource> built = new ConcurrentHashMap<>();

    CandleSources(TradingProperties properties, Clock clock, Sleeper sleeper) {
        TradingProperties.Exchanges ex = properties.exchanges();
        // the budget paces real requests: wall time, whatever clock decides which candles have closed
        Clock wall = Clock.systemUTC();
        RetryListener listener = (exchange, attempt, delay, reason) ->
                log.warn("{} (attempt {}); retrying in {} s", reason, attempt, delay.toMillis() / 1000.0);
        // settings are worked out now (a bad value fails at start-up); the HTTP clients are built on first use
        ExchangeSettings binance = settings(Exchanges.BINANCE.defaults(), ex.binance());
        ExchangeSettings coinbase = settings(Exchanges.COINBASE.defaults(), ex.coinbase());
        ExchangeSettings kraken = settings(Exchanges.KRAKEN.defaults(), ex.kraken());
        factories.put("binance", () -> Exchanges.BINANCE.candleSource(binance, clock, wall, sleeper, listener));
        factories.put("coinbase", () -> Exchanges.COINBASE.candleSource(coinbase, clock, wall, sleeper, listener));
        factories.put("kraken", () -> Exchanges.KRAKEN.candleSource(kraken, clock, wall, sleeper, listener));
    }

    /** The exchange's defaults with what the configuration sets. */
    static ExchangeSettings settings(ExchangeSettings defaults, TradingProperties.Exchange c) {
        ExchangeSettings s = defaults;
        if (c.baseUrl() != null && !c.baseUrl().isBlank()) {
            s = s.withBaseUrl(c.baseUrl());
        }
        HttpTimeouts t = s.timeouts();
        s = s.withTimeouts(new HttpTimeouts(or(c.connectTimeout(), t.connect()), or(c.readTimeout(), t.read())));
        RetryPolicy r = s.retry();
        s = s.withRetry(new RetryPolicy(c.maxAttempts() == null ? r.maxAttempts() : c.maxAttempts(),
                or(c.initialBackoff(), r.initialBackoff()), or(c.maxBackoff(), r.maxBackoff()),
                or(c.maxRetryAfter(), r.maxRetryAfter())));
        RateBudget b = s.budget();
        TradingProperties.Budget cb = c.budget();
        return s.withBudget(new RateBudget(cb.limit() == null ? b.limit() : cb.limit(), or(cb.window(), b.window()),
                cb.requestWeight() == null ? b.requestWeight() : cb.requestWeight()));
    }

    private static Duration or(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    /** The timeframes the exchange serves, without building its source. */
    public Set<Timeframe> timeframes(String exchange) {
        if (!factories.containsKey(exchange)) {
            throw new IllegalArgumentException("unknown exchange '" + exchange + "'");
        }
        return Exchanges.named(exchange).timeframes();
    }

    /** The exchange's source, one per process (its request budget is the process's). */
    public CandleSource get(String exchange) {
        Supplier<CandleSource> factory = factories.get(exchange);
        if (factory == null) {
            throw new IllegalArgumentException("unknown exchange '" + exchange + "'");
        }
        return built.computeIfAbsent(exchange, e -> factory.get());
    }
}
