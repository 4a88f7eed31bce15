package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.Timeframe;

import java.time.Clock;
import java.util.Set;

/**
 * Builds each exchange's {@link ResilientCandleSource}: its source with the configured timeouts,
 * its request budget (for Binance also fed by X-MBX-USED-WEIGHT-1M) and its retry policy. Build one
 * per exchange and process: the budget is per IP, so two instances would each spend all of it.
 */
public final class ExchangeSources {

    private ExchangeSources() {
    }

    /**
     * The timeframes {@code exchange} (binance, coinbase or kraken) serves, without building its source:
     * checking a strategy's configuration needs no HTTP client. IllegalArgumentException for another name.
     */
    public static Set<Timeframe> timeframes(String exchange) {
        return switch (exchange) {
            case "binance" -> BinanceCandleSource.served();
            case "coinbase" -> CoinbaseCandleSource.served();
            case "kraken" -> KrakenCandleSource.served();
            default -> throw new IllegalArgumentException("unknown exchange '" + exchange + "'");
        };
    }

    public static ResilientCandleSource binance(ExchangeSettings settings, Clock clock, Sleeper sleeper,
                                                RetryListener listener) {
        return binance(settings, clock, clock, sleeper, listener);
    }

    /** {@code clock} decides which candles have closed; {@code budgetClock} (wall time) paces requests. */
    public static ResilientCandleSource binance(ExchangeSettings settings, Clock clock, Clock budgetClock,
                                                Sleeper sleeper, RetryListener listener) {
        WeightedRateLimiter limiter = new WeightedRateLimiter(settings.budget(), budgetClock);
        BinanceCandleSource source = new BinanceCandleSource(settings.baseUrl(), clock, settings.timeouts(),
                limiter::observeUsed);
        return new ResilientCandleSource(source, settings.retry(), limiter, sleeper, listener);
    }

    public static ResilientCandleSource coinbase(ExchangeSettings settings, Clock clock, Sleeper sleeper,
                                                 RetryListener listener) {
        return coinbase(settings, clock, clock, sleeper, listener);
    }

    /** {@code clock} decides which candles have closed; {@code budgetClock} (wall time) paces requests. */
    public static ResilientCandleSource coinbase(ExchangeSettings settings, Clock clock, Clock budgetClock,
                                                 Sleeper sleeper, RetryListener listener) {
        WeightedRateLimiter limiter = new WeightedRateLimiter(settings.budget(), budgetClock);
        CoinbaseCandleSource source = new CoinbaseCandleSource(settings.baseUrl(), clock, settings.timeouts());
        return new ResilientCandleSource(source, settings.retry(), limiter, sleeper, listener);
    }

    public static ResilientCandleSource kraken(ExchangeSettings settings, Clock clock, Sleeper sleeper,
                                               RetryListener listener) {
        return kraken(settings, clock, clock, sleeper, listener);
    }

    /** {@code clock} decides which candles have closed; {@code budgetClock} (wall time) paces requests. */
    public static ResilientCandleSource kraken(ExchangeSettings settings, Clock clock, Clock budgetClock,
                                               Sleeper sleeper, RetryListener listener) {
        WeightedRateLimiter limiter = new WeightedRateLimiter(settings.budget(), budgetClock);
        KrakenCandleSource source = new KrakenCandleSource(settings.baseUrl(), clock, settings.timeouts());
        return new ResilientCandleSource(source, settings.retry(), limiter, sleeper, listener);
    }
}
