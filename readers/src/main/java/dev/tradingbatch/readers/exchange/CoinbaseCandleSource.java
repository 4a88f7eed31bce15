package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.coinbasepro.CoinbaseProExchange;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Coinbase Exchange (formerly Pro) candles: {@code GET /products/BTC-USD/candles?start=..&end=..&granularity=3600}.
 * Coinbase answers at most 300 rows {@code [time, low, high, open, close, volume]}, newest first, and
 * no row at all for an interval without trades; its granularities have no 4h.
 *
 * <p>Values are JSON numbers; XChange's own CoinbaseProCandle parses them through double, so the
 * request goes through {@link CoinbaseCandlesApi}, an XChange/rescu proxy built from the same
 * ExchangeSpecification that reads every cell as its original text (see that interface).
 */
public final class CoinbaseCandleSource implements CandleSource {

    /** The exchange\'s name, as users type it and the database stores it. */
    static final String NAME = "coinbase";

    /** Coinbase rejects requests spanning more than 300 candles. */
    static final int MAX_ROWS = 300;

    private static final Set<Timeframe> TIMEFRAMES = EnumSet.of(
            Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);

    private final CoinbaseCandlesApi api;
    private final Clock clock;

    public CoinbaseCandleSource(String baseUrl, Clock clock) {
        this(baseUrl, clock, HttpTimeouts.DEFAULT);
    }

    public CoinbaseCandleSource(String baseUrl, Clock clock, HttpTimeouts timeouts) {
        ExchangeSpecification spec = new ExchangeSpecification(CoinbaseProExchange.class);
        spec.setSslUri(baseUrl);
        spec.setShouldLoadRemoteMetaData(false);
        timeouts.applyTo(spec);
        // Only the proxy is needed, so no CoinbaseProExchange (and no products/currencies call) is built.
        this.api = ExchangeRestProxyBuilder.forInterface(CoinbaseCandlesApi.class, spec).build();
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return Collections.unmodifiableSet(TIMEFRAMES);
    }

    @Override
    public void checkSymbol(String symbol, Timeframe timeframe) {
        String product = product(symbol);
        long length = length(timeframe);
        // One candle: the last one that has closed (start and end are both inclusive).
        long open = timeframe.floor(clock.millis()) - length;
        try {
            api.candles(product, iso(open), iso(open), granularity(timeframe));
        } catch (IOException | RuntimeException e) {
            throw translate(e, symbol, timeframe, "(symbol check)");
        }
    }

    @Override
    public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
        String product = product(symbol);
        long length = length(timeframe);
        SourceSupport.checkRange(from, to);
        long windowEnd = Math.min(from + MAX_ROWS * length, to);
        String[][] rows;
        try {
            // end is inclusive on Coinbase: the last open time inside [from, windowEnd).
            rows = api.candles(product, iso(from), iso(Math.max(from, windowEnd - length)), granularity(timeframe));
        } catch (IOException | RuntimeException e) {
            throw translate(e, symbol, timeframe, SourceSupport.range(from, to));
        }
        long now = clock.millis();
        List<RawCandle> candles = new ArrayList<>();
        for (String[] row : rows == null ? new String[0][] : rows) {
            RawCandle candle = raw(row, symbol, timeframe, from, to);
            long open = Long.parseLong(candle.openTime());
            // Coinbase may return rows before start; a candle is closed once open + length <= now.
            if (open >= from && open < windowEnd && open + length <= now) {
                candles.add(candle);
            }
        }
        candles.sort(Comparator.comparingLong(c -> Long.parseLong(c.openTime())));
        // Missing rows are intervals without trades, not an error: move on to the next window.
        return new CandlePage(candles, windowEnd);
    }

    /** Row {@code [time (epoch s), low, high, open, close, volume]} to a RawCandle stamped in epoch ms. */
    private RawCandle raw(String[] row, String symbol, Timeframe timeframe, long from, long to) {
        try {
            if (row == null || row.length < 6) {
                throw new IllegalArgumentException("expected 6 values");
            }
            long openMillis = Math.multiplyExact(Long.parseLong(row[0]), 1000L);
            return new RawCandle(Long.toString(openMillis),
                    plain(row[3]), plain(row[2]), plain(row[1]), plain(row[4]), plain(row[5]));
        } catch (RuntimeException e) {
            throw new ExchangeException(SourceSupport.failure(exchange(), "candles", symbol, timeframe,
                    SourceSupport.range(from, to), "malformed row " + Arrays.toString(row) + ": " + e.getMessage()), e,
                    // A value that is not a number, or a short row: what a garbled answer looks like.
                    ExchangeFailure.temporary());
        }
    }

    /** The number's own text written without exponent (1E-8 becomes 0.00000001); an absurd one left for validation. */
    private static String plain(String number) {
        return DecimalText.plain(number);
    }

    private static String product(String symbol) {
        SourceSupport.Pair p = SourceSupport.parse(symbol);
        return p.base() + "-" + p.quote();
    }

    private static long length(Timeframe timeframe) {
        if (!TIMEFRAMES.contains(Objects.requireNonNull(timeframe, "timeframe"))) {
            throw new IllegalArgumentException("coinbase has no " + timeframe + " candles");
        }
        return timeframe.millis();
    }

    /** Coinbase granularity is the candle length in seconds: 60, 300, 900, 3600, 86400. */
    private static String granularity(Timeframe timeframe) {
        return Long.toString(timeframe.millis() / 1000);
    }

    /** ISO-8601 UTC instant, e.g. 2024-01-01T00:00:00Z, which the candles endpoint accepts for start/end. */
    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private RuntimeException translate(Exception e, String symbol, Timeframe timeframe, String what) {
        if (SourceSupport.httpStatus(e) == 404) {
            return new UnknownSymbolException(exchange(), symbol);
        }
        return new ExchangeException(SourceSupport.failure(exchange(), "candles", symbol, timeframe, what, e), e,
                SourceSupport.classify(e, clock));
    }
}
