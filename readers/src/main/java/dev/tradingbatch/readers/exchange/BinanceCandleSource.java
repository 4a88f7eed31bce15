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
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Binance spot klines: {@code GET /api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000&startTime=..&endTime=..}
 * (epoch ms, UTC), the endpoint of XChange's {@code BinanceMarketDataServiceRaw#klines}, called on
 * {@link BinanceKlinesApi} so that the response headers can be read. Binance sends every price and
 * volume as a JSON string ("42000.01000000"): the candle carries that text as sent (as a
 * {@code BigDecimal}'s {@code toPlainString()} would write it).
 */
public final class BinanceCandleSource implements CandleSource {

    /** The exchange\'s name, as users type it and the database stores it. */
    static final String NAME = "binance";

    /** Binance's maximum rows per klines request. */
    static final int PAGE_LIMIT = 1000;

    /** Binance's error code for a symbol it does not list (HTTP 400). */
    private static final int INVALID_SYMBOL = -1121;

    /** The weight this IP has used in the current minute, counting the request answered. */
    static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

    private static final Map<Timeframe, KlineInterval> INTERVALS = new EnumMap<>(Map.of(
            Timeframe.M1, KlineInterval.m1,
            Timeframe.M5, KlineInterval.m5,
            Timeframe.M15, KlineInterval.m15,
            Timeframe.H1, KlineInterval.h1,
            Timeframe.H4, KlineInterval.h4,
            Timeframe.D1, KlineInterval.d1));

    private final BinanceKlinesApi api;
    private final Clock clock;
    private final LongConsumer usedWeight;

    public BinanceCandleSource(String baseUrl, Clock clock) {
        this(baseUrl, clock, HttpTimeouts.DEFAULT, used -> { });
    }

    public BinanceCandleSource(String baseUrl, Clock clock, HttpTimeouts timeouts) {
        this(baseUrl, clock, timeouts, used -> { });
    }

    /**
     * {@code usedWeight} receives Binance's {@value #USED_WEIGHT_HEADER} after every answer that
     * carries it (e.g. {@link WeightedRateLimiter#observeUsed}), so that weight other processes on
     * the same IP spent counts against this one's budget too.
     */
    public BinanceCandleSource(String baseUrl, Clock clock, HttpTimeouts timeouts, LongConsumer usedWeight) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(baseUrl);
        spec.setShouldLoadRemoteMetaData(false);
        timeouts.applyTo(spec);
        // Only the proxy is needed, so no BinanceExchange (and no exchangeInfo call) is built.
        this.api = ExchangeRestProxyBuilder.forInterface(BinanceKlinesApi.class, spec).build();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usedWeight = Objects.requireNonNull(usedWeight, "usedWeight");
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
        CurrencyPair pair = pair(symbol);
        KlineInterval interval = interval(timeframe);
        request(symbol, timeframe, "(symbol check)", pair, interval, 1, null, null);
    }

    @Override
    public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
        CurrencyPair pair = pair(symbol);
        KlineInterval interval = interval(timeframe);
        SourceSupport.checkRange(from, to);
        // startTime and endTime are both inclusive on Binance, hence to - 1 for a half-open range.
        List<Kline> rows = request(symbol, timeframe, SourceSupport.range(from, to),
                pair, interval, PAGE_LIMIT, from, to - 1);
        long now = clock.millis();
        // Stamp with the open time: XChange's own Candlestick adapters use the close time instead.
        // Binance's "ignore" field is no closed flag (XChange's BinanceKline.isClosed() is always false), so a
        // candle counts as closed when its close time (open + length - 1 ms) lies before now.
        List<RawCandle> candles = rows.stream()
                .filter(k -> k.openTime() >= from && k.openTime() < to)
                .filter(k -> k.closeTime() < now)
                .sorted(Comparator.comparingLong(Kline::openTime))
                .map(Kline::candle)
                .toList();
        long nextFrom = to;
        if (rows.size() >= PAGE_LIMIT) {
            // A full page may have more behind it: continue after the newest row Binance sent.
            long lastOpen = rows.stream().mapToLong(Kline::openTime).max().orElseThrow();
            nextFrom = Math.max(lastOpen, from) + timeframe.millis();
        }
        return new CandlePage(candles, nextFrom);
    }

    /**
     * One kline row as read: its open and close time (epoch ms) and the candle with the text Binance sent.
     * Built straight from the row's JSON strings (XChange's {@code BinanceKline} would parse eight decimals into
     * {@code BigDecimal}s that are only turned back into text); each decimal column is still checked to be a
     * number, so a garbled row is refused as before.
     */
    private record Kline(long openTime, long closeTime, RawCandle candle) {

        /** Binance's kline columns; the decimals at 1-5, 7, 9 and 10 are JSON strings, the rest numbers. */
        private static final int COLUMNS = 12;

        static Kline of(Object[] row) {
            if (row.length < COLUMNS) {
                throw new IllegalArgumentException("a kline has " + COLUMNS + " columns, this row " + row.length);
            }
            long openTime = Long.parseLong(row[0].toString());
            long closeTime = Long.parseLong(row[6].toString());
            Long.parseLong(row[8].toString());
            DecimalText.plain(row[7].toString());
            DecimalText.plain(row[9].toString());
            DecimalText.plain(row[10].toString());
            return new Kline(openTime, closeTime, new RawCandle(Long.toString(openTime),
                    DecimalText.plain(row[1].toString()), DecimalText.plain(row[2].toString()),
                    DecimalText.plain(row[3].toString()), DecimalText.plain(row[4].toString()),
                    DecimalText.plain(row[5].toString())));
        }
    }

    private List<Kline> request(String symbol, Timeframe timeframe, String what, CurrencyPair pair,
                                KlineInterval interval, int limit, Long startTime, Long endTime) {
        BinanceKlinesApi.Rows rows;
        try {
            rows = api.klines(pair.getBase().getCurrencyCode() + pair.getCounter().getCurrencyCode(),
                    interval.code(), limit, startTime, endTime);
        } catch (IOException | RuntimeException e) {
            reportUsedWeight(SourceSupport.header(e, USED_WEIGHT_HEADER).orElse(null));
            throw translate(e, symbol, timeframe, what);
        }
        reportUsedWeight(SourceSupport.header(rows.getResponseHeaders(), USED_WEIGHT_HEADER).orElse(null));
        List<Kline> klines = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            try {
                klines.add(Kline.of(row));
            } catch (RuntimeException e) {
                // A value that is not a number, or a short row: what a garbled answer looks like.
                throw new ExchangeException(SourceSupport.failure(exchange(), "klines", symbol, timeframe, what,
                        "malformed row " + Arrays.toString(row) + ": " + e.getMessage()), e, ExchangeFailure.temporary());
            }
        }
        return klines;
    }

    private void reportUsedWeight(String header) {
        if (header != null && header.strip().matches("\\d{1,18}")) {
            usedWeight.accept(Long.parseLong(header.strip()));
        }
    }

    private static CurrencyPair pair(String symbol) {
        SourceSupport.Pair p = SourceSupport.parse(symbol);
        return new CurrencyPair(p.base(), p.quote());
    }

    private static KlineInterval interval(Timeframe timeframe) {
        KlineInterval interval = INTERVALS.get(Objects.requireNonNull(timeframe, "timeframe"));
        if (interval == null) {
            throw new IllegalArgumentException("binance has no " + timeframe + " klines");
        }
        return interval;
    }

    private RuntimeException translate(Exception e, String symbol, Timeframe timeframe, String what) {
        BinanceException binance = SourceSupport.find(e, BinanceException.class);
        if (binance != null && binance.getCode() == INVALID_SYMBOL) {
            return new UnknownSymbolException(exchange(), symbol);
        }
        return new ExchangeException(SourceSupport.failure(exchange(), "klines", symbol, timeframe, what, e), e,
                SourceSupport.classify(e, clock));
    }
}
