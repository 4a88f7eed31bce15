package dev.tradingbatch.jobs.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings under {@code trading.*} in {@code config/application.yml} (or environment variables such
 * as {@code TRADING_EXCHANGES_BINANCE_BASEURL}).
 */
@ConfigurationProperties("trading")
public record TradingProperties(@DefaultValue Exchanges exchanges, @DefaultValue Backfill backfill,
                                @DefaultValue Gaps gaps, @DefaultValue Jobs jobs,
                                Map<String, StrategyProperties> strategies, List<MarketProperties> markets,
                                @DefaultValue Schedule schedule) {

    public TradingProperties {
        strategies = strategies == null ? Map.of() : new TreeMap<>(strategies);
        markets = markets == null ? List.of() : List.copyOf(markets);
    }

    /**
     * A market the backfiller keeps up to date (see docs/deployment.md).
     *
     * @param timeframes the series to keep, e.g. [1h, 15m]
     * @param history    how far back the first backfill of a series starts
     * @param retention  when set, candles older than this are archived to a gzip CSV under
     *                   {@code trading.schedule.archive-dir} and deleted, daily on {@code retention-cron}
     */
    public record MarketProperties(String exchange, String symbol, List<String> timeframes,
                                   @DefaultValue("30d") Duration history, Duration retention) {
    }

    /**
     * @param delay         how long after a candle closes its backfill fires (the exchange needs a moment)
     * @param gapFillCron   when the gap fill of every series fires (Quartz cron, UTC)
     * @param waitForCandle how long a trader waits for the backfiller to store a closed candle
     * @param pollInterval  how often it looks while waiting
     * @param shutdownGrace how long SIGTERM waits for running jobs to stop at a chunk boundary
     * @param retentionCron when the retention of each series with {@code retention} set is applied (UTC)
     * @param archiveDir    where retention puts the archived candles
     */
    public record Schedule(@DefaultValue("10s") Duration delay, @DefaultValue("0 30 3 * * ?") String gapFillCron,
                           @DefaultValue("2m") Duration waitForCandle, @DefaultValue("5s") Duration pollInterval,
                           @DefaultValue("30s") Duration shutdownGrace,
                           @DefaultValue("0 45 3 * * ?") String retentionCron,
                           @DefaultValue("archive") java.nio.file.Path archiveDir) {
    }

    /**
     * One trader, declared under {@code trading.strategies.<strategy_id>} (see docs/strategies.md).
     *
     * @param type        rsi, macd, scalping or trend
     * @param params      the type's parameters; unset ones take their defaults
     * @param stake       quote currency spent on each entry
     * @param feeRate     fee on each fill's notional, e.g. 0.001
     * @param slippageBps fill price moved against the trader, in basis points
     */
    public record StrategyProperties(String exchange, String symbol, String timeframe, String type,
                                     Map<String, String> params, BigDecimal stake,
                                     @DefaultValue("0.001") BigDecimal feeRate,
                                     @DefaultValue("0") BigDecimal slippageBps) {
    }

    public record Exchanges(@DefaultValue Exchange binance, @DefaultValue Exchange coinbase,
                            @DefaultValue Exchange kraken) {
    }

    /**
     * Each setting left unset takes the exchange's default (see docs/configuration.md).
     *
     * @param baseUrl        the exchange's REST API: its public host when unset; a testnet, proxy or local server otherwise
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for an answer
     * @param maxAttempts    requests made for one page before the job fails (1: no retry)
     * @param initialBackoff wait before the first retry; doubled for each further one
     * @param maxBackoff     longest wait between retries
     * @param maxRetryAfter  longest Retry-After (429/418) obeyed; a longer one fails the request
     * @param budget         request weight allowed per window, per process
     */
    public record Exchange(String baseUrl, Duration connectTimeout, Duration readTimeout, Integer maxAttempts,
                           Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           @DefaultValue Budget budget) {
    }

    /**
     * @param limit         weight allowed per window (Binance: 6000)
     * @param window        the window (Binance: 1m)
     * @param requestWeight weight of one candle request (Binance klines: 2)
     */
    public record Budget(Long limit, Duration window, Long requestWeight) {
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
