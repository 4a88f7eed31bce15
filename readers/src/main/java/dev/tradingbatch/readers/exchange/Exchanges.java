package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.readers.orders.BinanceSpotOrders;
import dev.tradingbatch.readers.orders.CoinbaseSpotOrders;
import dev.tradingbatch.readers.orders.KrakenSpotOrders;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The exchanges candles are read from, each with its name, timeframes, limits, default settings and
 * source: the one list every command, check and message takes them from. Adding an exchange is one
 * entry here, its {@link dev.tradingbatch.readers.CandleSource}, its {@link MarketRulesSource} and, when live
 * orders are built for it, its order client ({@link dev.tradingbatch.readers.orders.SpotOrders}).
 */
public final class Exchanges {

    /** Spot klines; 6000 request weight per minute per IP, a klines request weighs 2 whatever its limit. */
    public static final Exchange BINANCE = new Exchange(BinanceCandleSource.NAME, BinanceCandleSource.served(),
            new Exchange.Limits(BinanceCandleSource.PAGE_LIMIT, OptionalInt.empty(), false),
            new ExchangeSettings("https://api.binance.com", HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                    new RateBudget(6000, Duration.ofMinutes(1), 2)),
            (settings, clock, pacing) -> new BinanceCandleSource(settings.baseUrl(), clock, settings.timeouts(),
                    pacing::observeUsed),
            BinanceMarketRules::new,
            Optional.of(BinanceSpotOrders::new));

    /** Coinbase Exchange candles (XChange's default host, api.pro.coinbase.com, was retired); 10 public requests per second. */
    public static final Exchange COINBASE = new Exchange(CoinbaseCandleSource.NAME, CoinbaseCandleSource.served(),
            new Exchange.Limits(CoinbaseCandleSource.MAX_ROWS, OptionalInt.empty(), true),
            new ExchangeSettings("https://api.exchange.coinbase.com", HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                    new RateBudget(10, Duration.ofSeconds(1), 1)),
            (settings, clock, pacing) -> new CoinbaseCandleSource(settings.baseUrl(), clock, settings.timeouts()),
            CoinbaseMarketRules::new,
            Optional.of(CoinbaseSpotOrders::new));

    /**
     * Kraken OHLC: every candle it still has in one request, its 720 most recent; older candles are built from its
     * public trades, up to 1000 a request. About one public request per second.
     */
    public static final Exchange KRAKEN = new Exchange(KrakenCandleSource.NAME, KrakenCandleSource.served(),
            new Exchange.Limits(KrakenCandleSource.HISTORY, OptionalInt.of(KrakenCandleSource.HISTORY), false),
            new ExchangeSettings("https://api.kraken.com", HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT,
                    new RateBudget(1, Duration.ofSeconds(1), 1)),
            (settings, clock, pacing) -> new KrakenCandleSource(settings.baseUrl(), clock, settings.timeouts(), pacing),
            KrakenMarketRules::new,
            Optional.of(KrakenSpotOrders::new));

    private static final List<Exchange> ALL = List.of(BINANCE, COINBASE, KRAKEN);

    private Exchanges() {
    }

    /** Every exchange, in the order messages list them. */
    public static List<Exchange> all() {
        return ALL;
    }

    /** Their names: {@code binance, coinbase, kraken}. */
    public static List<String> names() {
        return ALL.stream().map(Exchange::name).toList();
    }

    /** The names of the exchanges live orders are built for, for messages: {@code binance, coinbase, kraken}. */
    public static List<String> withOrders() {
        return ALL.stream().filter(Exchange::hasOrders).map(Exchange::name).toList();
    }

    /** The exchange of that name (any case), if there is one. */
    public static Optional<Exchange> find(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(e -> e.name().equals(wanted)).findFirst();
    }

    /** The exchange of that name; IllegalArgumentException naming the known ones for another. */
    public static Exchange named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown exchange '" + name + "' (known: " + String.join(", ", names()) + ")"));
    }
}
