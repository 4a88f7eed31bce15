package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.exchange.BinanceCandleSource;
import dev.tradingbatch.readers.exchange.CoinbaseCandleSource;
import dev.tradingbatch.readers.exchange.KrakenCandleSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The exchanges a backfill can read from, each pointed at its configured base URL. */
@Component
public class CandleSources {

    private final Map<String, CandleSource> byName = new LinkedHashMap<>();

    CandleSources(TradingProperties properties, Clock clock) {
        TradingProperties.Exchanges ex = properties.exchanges();
        add(ex.binance(), BinanceCandleSource.DEFAULT_BASE_URL, clock, BinanceCandleSource::new);
        add(ex.coinbase(), CoinbaseCandleSource.DEFAULT_BASE_URL, clock, CoinbaseCandleSource::new);
        add(ex.kraken(), KrakenCandleSource.DEFAULT_BASE_URL, clock, KrakenCandleSource::new);
    }

    private void add(TradingProperties.Exchange settings, String defaultUrl, Clock clock,
                     BiFunction<String, Clock, CandleSource> factory) {
        String url = settings.baseUrl() == null || settings.baseUrl().isBlank() ? defaultUrl : settings.baseUrl();
        CandleSource source = factory.apply(url, clock);
        byName.put(source.exchange(), source);
    }

    public CandleSource get(String exchange) {
        CandleSource source = byName.get(exchange);
        if (source == null) {
            throw new IllegalArgumentException("unknown exchange '" + exchange + "'");
        }
        return source;
    }
}
