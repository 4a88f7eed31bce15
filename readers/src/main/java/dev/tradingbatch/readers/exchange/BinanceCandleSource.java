package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.db.RawCandle;
import dev.tradingbatch.db.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Binance spot klines through XChange's {@link BinanceMarketDataServiceRaw#klines}:
 * {@code GET /api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000&startTime=..&endTime=..} (epoch ms, UTC).
 * Binance sends every price and volume as a JSON string ("42000.01000000") and XChange builds each
 * BigDecimal from that text, so {@code toPlainString()} gives back exactly what was sent.
 */
public final class BinanceCandleSource implements CandleSource {

    public static final String DEFAULT_BASE_URL = "https://api.binance.com";

    /** Binance's maximum rows per klines request. */
    static final int PAGE_LIMIT = 1000;

    /** Binance's error code for a symbol it does not list (HTTP 400). */
    private static final int INVALID_SYMBOL = -1121;

    private static final Map<Timeframe, KlineInterval> INTERVALS = new EnumMap<>(Map.of(
            Timeframe.M1, KlineInterval.m1,
            Timeframe.M5, KlineInterval.m5,
            Timeframe.M15, KlineInterval.m15,
            Timeframe.H1, KlineInterval.h1,
            Timeframe.H4, KlineInterval.h4,
            Timeframe.D1, KlineInterval.d1));

    private final BinanceMarketDataServiceRaw marketData;
    private final Clock clock;

    public BinanceCandleSource(String baseUrl, Clock clock) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(baseUrl);
        // Without this XChange calls /api/v3/exchangeInfo (remoteInit) while building the exchange.
        spec.setShouldLoadRemoteMetaData(false);
        Exchange exchange = ExchangeFactory.INSTANCE.createExchange(spec);
        this.marketData = (BinanceMarketDataServiceRaw) exchange.getMarketDataService();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String exchange() {
        return "binance";
    }

    @Override
    public Set<Timeframe> timeframes() {
        return Collections.unmodifiableSet(INTERVALS.keySet());
    }

    @Override
    public void checkSymbol(String symbol, Timeframe timeframe) {
        CurrencyPair pair = pair(symbol);
        KlineInterval interval = interval(timeframe);
        try {
            marketData.klines(pair, interval, 1, null, null);
        } catch (IOException | RuntimeException e) {
            throw translate(e, symbol, timeframe, "(symbol check)");
        }
    }

    @Override
    public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
        CurrencyPair pair = pair(symbol);
        KlineInterval interval = interval(timeframe);
        SourceSupport.checkRange(from, to);
        List<BinanceKline> rows;
        try {
            // startTime and endTime are both inclusive on Binance, hence to - 1 for a half-open range.
            rows = marketData.klines(pair, interval, PAGE_LIMIT, from, to - 1);
        } catch (IOException | RuntimeException e) {
            throw translate(e, symbol, timeframe, SourceSupport.range(from, to));
        }
        long now = clock.millis();
        // Stamp with getOpenTime(): XChange's own Candlestick adapters use the close time instead.
        // BinanceKline.isClosed() parses Binance's unused "ignore" field and is always false, so a
        // candle counts as closed when its close time (open + length - 1 ms) lies before now.
        List<RawCandle> candles = rows.stream()
                .filter(k -> k.getOpenTime() >= from && k.getOpenTime() < to)
                .filter(k -> k.getCloseTime() < now)
                .sorted(Comparator.comparingLong(BinanceKline::getOpenTime))
                .map(BinanceCandleSource::raw)
                .toList();
        long nextFrom = to;
        if (rows.size() >= PAGE_LIMIT) {
            // A full page may have more behind it: continue after the newest row Binance sent.
            long lastOpen = rows.stream().mapToLong(BinanceKline::getOpenTime).max().orElseThrow();
            nextFrom = Math.max(lastOpen, from) + timeframe.millis();
        }
        return new CandlePage(candles, nextFrom);
    }

    private static RawCandle raw(BinanceKline k) {
        return new RawCandle(Long.toString(k.getOpenTime()),
                k.getOpen().toPlainString(), k.getHigh().toPlainString(), k.getLow().toPlainString(),
                k.getClose().toPlainString(), k.getVolume().toPlainString());
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
        return new ExchangeException(
                SourceSupport.failure(exchange(), "klines", symbol, timeframe, what, e), e);
    }
}
