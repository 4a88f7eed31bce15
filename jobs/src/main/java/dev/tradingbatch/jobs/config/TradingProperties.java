package dev.tradingbatch.jobs.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code trading.*} in {@code config/application.yml} (or environment variables such
 * as {@code TRADING_EXCHANGES_BINANCE_BASEURL}).
 */
@ConfigurationProperties("trading")
public record TradingProperties(@DefaultValue Exchanges exchanges, @DefaultValue Backfill backfill,
                                @DefaultValue Gaps gaps, @DefaultValue Jobs jobs) {

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
     * @param progress       {@code auto}: a live progress line on a terminal, a summary log line otherwise;
     *                       {@code always} or {@code never}
     */
    public record Backfill(@DefaultValue("30d") Duration defaultHistory, @DefaultValue("1000") int chunkSize,
                           @DefaultValue("auto") Progress progress) {
    }

    public enum Progress { AUTO, ALWAYS, NEVER }

    /**
     * @param maxAsks times a missing range answered empty is asked again (one ask per gap fill run)
     *                before it is recorded as confirmed empty
     */
    public record Gaps(@DefaultValue("3") int maxAsks) {
    }

    /**
     * @param heartbeatInterval how often a running job records that its process is alive
     * @param staleAfter        a job whose process runs on another host is judged dead after this long
     *                          without a heartbeat (on the same host the pid is checked directly)
     */
    public record Jobs(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("60s") Duration staleAfter) {
    }
}
