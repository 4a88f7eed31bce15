package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.SpotOrders;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * One exchange, as {@link Exchanges} lists it: everything the application knows about it in one
 * place: its candles, its markets' order rules and, for the exchanges live orders are built for, its order client.
 *
 * @param name          as users type it and the database stores it
 * @param timeframes    the candle lengths it serves
 * @param limits        how much one request returns and how far back it keeps candles
 * @param defaults      base URL, timeouts, retry and request budget when {@code trading.exchanges} sets none
 * @param sourceFactory builds its own {@link CandleSource}
 * @param rulesFactory  builds the reader of its markets' order rules ({@link MarketRulesSource})
 * @param orderFactory  builds its order client ({@link SpotOrders}); empty while live orders on it are not built
 */
public record Exchange(String name, Set<Timeframe> timeframes, Limits limits, ExchangeSettings defaults,
                       CandleSourceFactory sourceFactory, Function<ExchangeSettings, MarketRulesSource> rulesFactory,
                       Optional<OrderClientFactory> orderFactory) {

    public Exchange {
        Objects.requireNonNull(name, "name");
        timeframes = Collections.unmodifiableSet(EnumSet.copyOf(timeframes));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(sourceFactory, "sourceFactory");
        Objects.requireNonNull(rulesFactory, "rulesFactory");
        Objects.requireNonNull(orderFactory, "orderFactory");
    }

    /** Whether live orders are built for it: an account may trade on it. */
    public boolean hasOrders() {
        return orderFactory.isPresent();
    }

    /**
     * Its order client at {@code baseUrl}, signing with {@code credentials}; IllegalArgumentException when live
     * orders on it are not built yet.
     */
    public SpotOrders orderClient(String baseUrl, ApiCredentials credentials, Clock clock, HttpTimeouts timeouts) {
        return orderFactory.orElseThrow(() -> new IllegalArgumentException(
                        "live orders on " + name + " are not built yet"))
                .create(baseUrl, credentials, clock, timeouts);
    }

    /** The reader of its markets' order rules at {@code settings}' base URL and timeouts. */
    public MarketRulesSource rulesSource(ExchangeSettings settings) {
        return rulesFactory.apply(settings);
    }

    /**
     * @param candlesPerRequest   the most candles one request returns
     * @param candlesKept         when the exchange serves only its most recent candles (Kraken: 720), how many
     * @param noTradesNoCandle    whether the exchange leaves out an interval without trades (Coinbase) rather than
     *                            answer it with a candle of zero volume (Binance): then an interval missing from an
     *                            answer that has later candles had no trades, and is no hole in the data
     */
    public record Limits(int candlesPerRequest, OptionalInt candlesKept, boolean noTradesNoCandle) {
    }

    /** Builds an exchange's own candle source, the one that talks to its REST API. */
    @FunctionalInterface
    public interface CandleSourceFactory {

        /**
         * A source at {@code settings}' base URL and timeouts; {@code pacing} hears the exchange's own
         * count of the request weight this IP used, from the exchange that tells it (Binance), and paces the
         * further requests of a fetch that sends several (Kraken's trade pages).
         */
        CandleSource create(ExchangeSettings settings, Clock clock, RequestPacing pacing);
    }

    /** Builds an exchange's order client: an account's orders, fills and balances through its signed API. */
    @FunctionalInterface
    public interface OrderClientFactory {

        /** A client at {@code baseUrl} ({@code clock} signs requests: wall time), with {@code timeouts}. */
        SpotOrders create(String baseUrl, ApiCredentials credentials, Clock clock, HttpTimeouts timeouts);
    }

    /**
     * The exchange's candle source made to survive its faults: within {@code settings}' request budget,
     * retrying under its retry policy. Build one per exchange and process: the budget is per IP, so two
     * instances would each spend all of it.
     *
     * @param clock       decides which candles have closed
     * @param budgetClock paces requests (wall time, whatever {@code clock} says)
     */
    public ResilientCandleSource candleSource(ExchangeSettings settings, Clock clock, Clock budgetClock,
                                              Sleeper sleeper, RetryListener listener) {
        WeightedRateLimiter limiter = new WeightedRateLimiter(settings.budget(), budgetClock);
        CandleSource source = sourceFactory.create(settings, clock, new BudgetPacing(name, limiter, sleeper, listener));
        return new ResilientCandleSource(source, settings.retry(), limiter, sleeper, listener);
    }
}
