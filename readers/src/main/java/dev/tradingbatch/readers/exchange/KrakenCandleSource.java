package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.UnknownSymbolException;
import dev.tradingbatch.readers.trades.TradeCandles;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.kraken.Kraken;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLC;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLCs;
import org.knowm.xchange.kraken.dto.marketdata.results.KrakenOHLCResult;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Kraken spot OHLC: {@code GET /0/public/OHLC?pair=XBTUSD&interval=60&since=<epoch s>}, called on
 * XChange's rescu interface {@link Kraken} directly. XChange's market data service needs the remote
 * asset-pair list (AssetPairs) to name a pair, so it is never built; the pair name is derived here.
 *
 * <p>Kraken serves only its 720 most recent rows per interval, whatever {@code since} says, and the
 * last row is the still-open candle. Values arrive as JSON strings and XChange builds each
 * BigDecimal from that text, so {@code toPlainString()} gives back exactly what was sent.
 *
 * <p>The part of a range older than that window is built from Kraken's public trades ({@link KrakenTradesApi},
 * {@link TradeCandles}): such a page ends at the first interval not yet complete, so a restart asks again at most
 * that interval's trades. Those candles are {@linkplain CandlePage#derived() derived}; where they meet the OHLC
 * window, a few intervals are derived both ways and compared ({@link DerivedOverlap}).
 */
public final class KrakenCandleSource implements CandleSource {

    /** The exchange\'s name, as users type it and the database stores it. */
    static final String NAME = "kraken";

    /** Rows Kraken keeps per pair and interval, the open candle included. */
    static final int HISTORY = 720;

    static final String UNKNOWN_PAIR = "EQuery:Unknown asset pair";

    /** Kraken's errors (HTTP 200) that mean "too many requests": wait, then ask again. */
    private static final List<String> THROTTLED = List.of("EAPI:Rate limit exceeded", "EGeneral:Too many requests");

    /** Kraken's errors for its own trouble (EService:Unavailable, EService:Busy, ...): back off and ask again. */
    private static final String SERVICE = "EService:";

    /** Kraken's interval parameter, in minutes. */
    private static final Map<Timeframe, Integer> INTERVALS = new EnumMap<>(Map.of(
            Timeframe.M1, 1, Timeframe.M5, 5, Timeframe.M15, 15,
            Timeframe.H1, 60, Timeframe.H4, 240, Timeframe.D1, 1440));

    /** Kraken's own asset codes where they differ from the common ones. */
    private static final Map<String, String> ASSET_CODES = Map.of("BTC", "XBT", "DOGE", "XDG");

    /** Intervals of the OHLC window also derived from trades, to compare with the published candles. */
    static final int OVERLAP = 3;

    private final Kraken kraken;
    private final KrakenDerivedCandles derived;
    private final Clock clock;

    public KrakenCandleSource(String baseUrl, Clock clock) {
        this(baseUrl, clock, HttpTimeouts.DEFAULT, RequestPacing.NONE);
    }

    /** {@code pacing} is waited on before each trades page after a fetch's first. */
    public KrakenCandleSource(String baseUrl, Clock clock, HttpTimeouts timeouts, RequestPacing pacing) {
        ExchangeSpecification spec = new ExchangeSpecification(KrakenExchange.class);
        spec.setSslUri(baseUrl);
        spec.setShouldLoadRemoteMetaData(false);
        timeouts.applyTo(spec);
        // The proxy alone: building KrakenExchange would not give pair names without AssetPairs anyway.
        this.kraken = ExchangeRestProxyBuilder.forInterface(Kraken.class, spec).build();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.derived = new KrakenDerivedCandles(new KrakenTradesApi(baseUrl, timeouts),
                Objects.requireNonNull(pacing, "pacing"), clock);
    }

    @Override
    public String exchange() {
        return NAME;
    }

    @Override
    public Set<Timeframe> timeframes() {
        return served();
    }

    /** The timeframes this exchange serves, known without building a source (and its HTTP client). */
    static Set<Timeframe> served() {
        return Collections.unmodifiableSet(INTERVALS.keySet());
    }

    @Override
    public void checkSymbol(String symbol, Timeframe timeframe) {
        String pair = pair(symbol);
        int interval = interval(timeframe);
        // since = now (epoch s) keeps the answer to the one row Kraken always sends: the open candle.
        request(symbol, timeframe, "(symbol check)", pair, interval, clock.millis() / 1000);
    }

    @Override
    public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
        String pair = pair(symbol);
        interval(timeframe);
        SourceSupport.checkRange(from, to);
        long window = ohlcWindowStart(timeframe, clock.millis());
        if (from < window) {
            return fromTrades(symbol, timeframe, pair, from, to, window);
        }
        return new CandlePage(ohlc(symbol, timeframe, pair, from, to), to);
    }

    /** OHLC's closed candles in {@code [from, to)}: one request returns everything Kraken still has for the range. */
    private List<RawCandle> ohlc(String symbol, Timeframe timeframe, String pair, long from, long to) {
        int interval = interval(timeframe);
        // since is epoch seconds; one second before from includes the candle opening at from whether
        // Kraken treats since as exclusive (documented "after this time") or inclusive.
        long since = Math.floorDiv(from, 1000L) - 1;
        List<KrakenOHLC> rows = request(symbol, timeframe, SourceSupport.range(from, to), pair, interval, since)
                .stream().sorted(Comparator.comparingLong(KrakenOHLC::getTime)).toList();
        long now = clock.millis();
        long length = timeframe.millis();
        // The newest row is Kraken's uncommitted current candle: never returned, even if the clock
        // says its interval has ended. Every other row must also be closed by our clock.
        return rows.subList(0, Math.max(0, rows.size() - 1)).stream()
                .filter(r -> {
                    long open = r.getTime() * 1000L;
                    return open >= from && open < to && open + length <= now;
                })
                .map(KrakenCandleSource::raw)
                .toList();
    }

    /** Kraken's whole history: what its OHLC window no longer has is built from its trades. */
    @Override
    public OptionalLong earliestAvailable(Timeframe timeframe, long now) {
        interval(timeframe);
        return OptionalLong.empty();
    }

    /**
     * The oldest open time OHLC still serves at {@code now}: Kraken keeps 720 rows and the newest is the open
     * candle at {@code floor(now)}, so the oldest row opens 719 candle lengths earlier; there are 719 closed
     * candles, not 720. Choosing 720 would ask OHLC for a candle that is already gone.
     */
    static long ohlcWindowStart(Timeframe timeframe, long now) {
        return timeframe.floor(now) - (HISTORY - 1L) * timeframe.millis();
    }

    /**
     * Candles in {@code [from, min(to, window))} built from trades; the page ends at the first interval not complete.
     * The page that reaches the OHLC window also derives its first {@value #OVERLAP} intervals and compares them with
     * the candles OHLC publishes for them (stored are the published ones): the differences go with the page.
     */
    private CandlePage fromTrades(String symbol, Timeframe timeframe, String pair, long from, long to, long window) {
        long end = Math.min(to, window);
        TradeCandles candles = derived.derive(symbol, timeframe, pair, from, end, false, false);
        List<String> differences = List.of();
        if (candles.nextFrom() == window && window < to) {
            long overlapEnd = Math.min(to, window + OVERLAP * timeframe.millis());
            TradeCandles overlap = derived.derive(symbol, timeframe, pair, window, overlapEnd, true, true);
            derived.awaitRequest();
            differences = DerivedOverlap.differences(overlap.complete(),
                    ohlc(symbol, timeframe, pair, window, overlapEnd));
        }
        return new CandlePage(candles.complete(), candles.nextFrom(), true, differences);
    }

    private List<KrakenOHLC> request(String symbol, Timeframe timeframe, String what,
                                     String pair, int interval, long since) {
        KrakenOHLCResult result;
        try {
            result = kraken.getOHLC(pair, interval, since);
        } catch (RuntimeException e) {
            // HTTP failures come wrapped in UndeclaredThrowableException: getOHLC declares no IOException.
            throw new ExchangeException(SourceSupport.failure(exchange(), "OHLC", symbol, timeframe, what, e), e,
                    SourceSupport.classify(e, clock));
        }
        String[] errors = result == null || result.getError() == null ? new String[0] : result.getError();
        if (Arrays.stream(errors).anyMatch(e -> e.startsWith(UNKNOWN_PAIR))) {
            throw new UnknownSymbolException(exchange(), symbol);
        }
        if (errors.length > 0) {
            throw new ExchangeException(SourceSupport.failure(exchange(), "OHLC", symbol, timeframe, what,
                    String.join("; ", errors)), null, classify(errors));
        }
        KrakenOHLCs ohlcs = result == null ? null : result.getResult();
        if (ohlcs == null || ohlcs.getOHLCs() == null) {
            // Neither errors nor a result: not an answer Kraken means to give, so ask again.
            throw new ExchangeException(SourceSupport.failure(exchange(), "OHLC", symbol, timeframe, what,
                    "response has no result"), null, ExchangeFailure.temporary());
        }
        // XChange reads every array under "result" except "last", so the legacy key (XXBTZUSD for
        // XBTUSD) needs no mapping here.
        return ohlcs.getOHLCs();
    }

    static ExchangeFailure classify(String[] errors) {
        if (Arrays.stream(errors).anyMatch(e -> THROTTLED.stream().anyMatch(e::startsWith))) {
            return ExchangeFailure.throttled(Optional.empty());
        }
        if (Arrays.stream(errors).allMatch(e -> e.startsWith(SERVICE))) {
            return ExchangeFailure.temporary();
        }
        return ExchangeFailure.permanent();
    }

    /** Row [time (epoch s), open, high, low, close, vwap, volume, count] to a RawCandle stamped in epoch ms. */
    private static RawCandle raw(KrakenOHLC r) {
        return new RawCandle(Long.toString(r.getTime() * 1000L),
                DecimalText.plain(r.getOpen()), DecimalText.plain(r.getHigh()), DecimalText.plain(r.getLow()),
                DecimalText.plain(r.getClose()), DecimalText.plain(r.getVolume()));
    }

    /** BTC/USDT becomes XBTUSDT, ETH/USD stays ETHUSD: Kraken's pair names accepted by public endpoints. */
    static String pair(String symbol) {
        SourceSupport.Pair p = SourceSupport.parse(symbol);
        return ASSET_CODES.getOrDefault(p.base(), p.base()) + ASSET_CODES.getOrDefault(p.quote(), p.quote());
    }

    private static int interval(Timeframe timeframe) {
        Integer minutes = INTERVALS.get(Objects.requireNonNull(timeframe, "timeframe"));
        if (minutes == null) {
            throw new IllegalArgumentException("kraken has no " + timeframe + " candles");
        }
        return minutes;
    }
}
