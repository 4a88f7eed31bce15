package dev.tradingbatch.jobs.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code trading.*} in {@code config/application.yml} (or environment variables such
 * as {@code TRADING_EXCHANGES_BINANCE_BASEURL}).
 */
@ConfigurationProperties("trading")
public record TradingProperties(@DefaultValue Exchanges exchanges, @DefaultValue Backfill backfill) {

    public record Exchanges(@DefaultValue Exchange binance, @DefaultValue Exchange coinbase,
                            @DefaultValue Exchange kraken) {
    }

    /**
     * @param baseUrl the exchange's REST API: its public host when unset; a testnet, proxy or local server otherwise
     */
    public record Exchange(String baseUrl) {
    }

    /**
     * @param defaultHistory how far back a backfill starts when neither {@code --from} nor stored candles say
     * @param chunkSize      candles validated and committed per transaction
     */
    public record Backfill(@DefaultValue("30d") Duration defaultHistory, @DefaultValue("1000") int chunkSize) {
    }
}
