package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.metrics.ExchangeMetrics;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.archive.BinanceArchive;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.ExchangeSettings;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.exchange.ResilientCandleSource;
import dev.tradingbatch.readers.exchange.MarketRulesSource;
import dev.tradingbatch.readers.exchange.RetryListener;
import dev.tradingbatch.readers.exchange.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candle source of each exchange in {@link Exchanges}, one per exchange and process (each keeps
 * the exchange's request budget), with the settings {@code trading.exchanges} gives it.
 */
@Component
public class CandleSources {

    private static final Logger log = LoggerFactory.getLogger(CandleSources.class);

    /** The sources built so far: each on first use, since most commands (evaluate, replay, report) need none. */
    private final Map<String, ResilientCandleSource> built = new ConcurrentHashMap<>();

    private final TradingProperties properties;
    private final Clock clock;
    private final Sleeper sleeper;
    /** The budget paces real requests: wall time, whatever {@code clock} says has closed. */
    private final Clock wall = Clock.systemUTC();
    private final RetryListener listener;

    CandleSources(TradingProperties properties, Clock clock, Sleeper sleeper, ExchangeMetrics metrics) {
        this.properties = properties;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = new RetryListener() {
            @Override
            public void onRetry(String exchange, int attempt, Duration delay, String reason) {
                log.warn("{} (attempt {}); retrying in {} s", reason, attempt, delay.toMillis() / 1000.0);
                metrics.retry(exchange);
            }

            @Override
            public void onRequest(String exchange) {
                metrics.request(exchange);
            }

            @Override
            public void onFailure(String exchange, ExchangeFailure failure) {
                metrics.failure(exchange, failure);
            }
        };
    }

    /** The readers of market rules built so far, one per exchange and process (each holds an HTTP client). */
    private final Map<String, MarketRulesSource> rules = new ConcurrentHashMap<>();

    /** The reader of the exchange's market rules, at its configured base URL and timeouts. */
    public MarketRulesSource rules(String exchange) {
        Exchange known = Exchanges.named(exchange);
        return rules.computeIfAbsent(known.name(), name -> known.rulesSource(properties.settings(known)));
    }

    /** Binance's public data archive, at {@code trading.exchanges.binance.archive-url}, with Binance's timeouts. */
    public BinanceArchive binanceArchive() {
        BinanceArchive a = archive;
        if (a == null) {
            // one per process, as the sources: it holds an HTTP client
            a = new BinanceArchive(properties.binanceArchiveUrl(), properties.settings(Exchanges.BINANCE).timeouts());
            archive = a;
        }
        return a;
    }

    private volatile BinanceArchive archive;

    /**
     * The weight of the exchange's request budget this process has left now: all of it before its first request
     * (docs/operations.md, {@code trading_exchange_budget_left}).
     */
    public long budgetLeft(String exchange) {
        Exchange known = Exchanges.named(exchange);
        ResilientCandleSource source = built.get(known.name());
        return source != null ? source.budgetLeft() : properties.settings(known).budget().limit();
    }

    /** The exchange's source, one per process (its request budget is the process's); IllegalArgumentException for another name. */
    public CandleSource get(String exchange) {
        Exchange known = Exchanges.named(exchange);
        return built.computeIfAbsent(known.name(), name -> {
            ExchangeSettings settings = properties.settings(known);
            return known.candleSource(settings, clock, wall, sleeper, listener);
        });
    }
}
