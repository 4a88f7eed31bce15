package dev.tradingbatch.jobs.config;

import dev.tradingbatch.db.SqliteTransactions;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.readers.archive.BinanceArchive;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.ExchangeSettings;
import dev.tradingbatch.readers.exchange.Exchanges;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings under {@code trading.*} in {@code config/application.yml} (or environment variables such
 * as {@code TRADING_EXCHANGES_BINANCE_BASEURL}). The exchanges' settings are checked as they are
 * bound, when any command starts: an exchange that is not in {@link Exchanges}, or a value its
 * settings refuse, is bad input naming the key (exit code 2).
 *
 * Every key under {@code trading.} is one of these components' (in kebab case, see {@link SettingKeys}): any other
 * key is refused when a command starts, so a setting added here is known at once, and one read some other way
 * (an {@code @Value}) would be refused.
 *
 * @param exchanges what is changed of each exchange's default settings, by exchange name
 * @param now       pretend the time is this (a TIME as {@code backfill --from} takes it); unset: the system clock
 * @param accounts  the exchange accounts live strategies trade on, by name (docs/live.md)
 * @param replay    what {@code replay} accepts of the candles it runs over
 * @param live      how live strategies' orders are sent (docs/live.md)
 * @param dashboard where the {@code dashboard} command serves its pages (docs/dashboard.md)
 * @param alerts    what {@code run} alerts about, and where (docs/operations.md)
 * @param drift     how often {@code run} computes its strategies' drift (docs/strategies.md, "Drift")
 * @param sweep     how sweeps go to remote workers (docs/optimize.md, "Sweeps on several machines")
 */
@ConfigurationProperties(TradingProperties.PREFIX)
public record TradingProperties(Map<String, ExchangeProperties> exchanges, @DefaultValue Backfill backfill,
                                @DefaultValue Gaps gaps, @DefaultValue Jobs jobs,
                                Map<String, StrategyProperties> strategies, List<MarketProperties> markets,
                                @DefaultValue Schedule schedule, @DefaultValue Plugins plugins,
                                @DefaultValue Database database, String now,
                                Map<String, AccountProperties> accounts, @DefaultValue Replay replay,
                                @DefaultValue Live live, @DefaultValue Dashboard dashboard,
                                @DefaultValue AlertProperties alerts, @DefaultValue Drift drift,
                                @DefaultValue Sweep sweep) {

    static final String PREFIX = "trading";

    public TradingProperties {
        exchanges = exchanges == null ? Map.of() : byLowerCaseName(exchanges);
        exchanges.forEach(TradingProperties::settings);
        strategies = strategies == null ? Map.of() : new TreeMap<>(strategies);
        accounts = accounts == null ? Map.of() : new TreeMap<>(accounts);
        Duration history = backfill == null ? null : backfill.defaultHistory();
        markets = markets == null ? List.of() : markets.stream().map(m -> m.withDefaultHistory(history)).toList();
    }

    /** The settings {@code exchange} runs with: its defaults with what {@code trading.exchanges.<name>} changes. */
    public ExchangeSettings settings(Exchange exchange) {
        ExchangeProperties changes = exchanges.get(exchange.name());
        return changes == null ? exchange.defaults() : settings(exchange.name(), changes);
    }

    private static ExchangeSettings settings(String name, ExchangeProperties changes) {
        String key = PREFIX + ".exchanges." + name;
        Exchange exchange = Exchanges.find(name).orElseThrow(() -> new BadInputException(
                key + ": unknown exchange (known: " + String.join(", ", Exchanges.names()) + ")"));
        changes.archiveUrl(exchange.name(), key);
        return changes.over(exchange.defaults(), key);
    }

    /** Where Binance's public data archive is: {@code trading.exchanges.binance.archive-url}, or its public host. */
    public String binanceArchiveUrl() {
        String name = Exchanges.BINANCE.name();
        ExchangeProperties changes = exchanges.get(name);
        return changes == null ? BinanceArchive.DEFAULT_URL
                : changes.archiveUrl(name, PREFIX + ".exchanges." + name).orElse(BinanceArchive.DEFAULT_URL);
    }

    private static Map<String, ExchangeProperties> byLowerCaseName(Map<String, ExchangeProperties> exchanges) {
        Map<String, ExchangeProperties> byName = new TreeMap<>();
        exchanges.forEach((name, changes) -> byName.put(name.toLowerCase(Locale.ROOT), changes));
        return Collections.unmodifiableMap(byName);
    }

    /**
     * A market the backfiller keeps up to date (see docs/deployment.md).
     *
     * @param timeframes the series to keep, e.g. [1h, 15m]
     * @param history    how far back the first backfill of a series starts; {@code trading.backfill.default-history}
     *                   when unset
     * @param retention  when set, candles older than this are archived to a gzip CSV under
     *                   {@code trading.schedule.archive-dir} and deleted, daily on {@code retention-cron}
     */
    public record MarketProperties(String exchange, String symbol, List<String> timeframes, Duration history,
                                   Duration retention) {

        MarketProperties withDefaultHistory(Duration defaultHistory) {
            return history != null ? this : new MarketProperties(exchange, symbol, timeframes, defaultHistory, retention);
        }
    }

    /**
     * @param delay         how long after a candle closes its backfill fires (the exchange needs a moment)
     * @param gapFillCron   when the gap fill of every series fires (Quartz cron, UTC)
     * @param waitForCandle how long a trader waits for the backfiller to store a closed candle
     * @param pollInterval  how often it looks while waiting
     * @param shutdownGrace how long SIGTERM waits for running jobs to stop at a chunk boundary
     * @param retentionCron when the retention of each series with {@code retention} set is applied (UTC)
     * @param archiveDir    where retention puts the archived candles
     * @param reconcileInterval how often a trader reconciles the accounts of its live strategies ({@code reconcile},
     *                          docs/live.md); also once when it starts
     */
    public record Schedule(@DefaultValue("10s") Duration delay, @DefaultValue("0 30 3 * * ?") String gapFillCron,
                           @DefaultValue("2m") Duration waitForCandle, @DefaultValue("5s") Duration pollInterval,
                           @DefaultValue("30s") Duration shutdownGrace,
                           @DefaultValue("0 45 3 * * ?") String retentionCron,
                           @DefaultValue("archive") java.nio.file.Path archiveDir,
                           @DefaultValue("15m") Duration reconcileInterval) {
    }

    /**
     * One trader, declared under {@code trading.strategies.<strategy_id>} (see docs/strategies.md).
     *
     * @param type           rsi, macd, scalping, trend, the type of a plugin, or ta4j (a strategy in ta4j's JSON)
     * @param params         the type's parameters; unset ones take their defaults
     * @param definition     a ta4j strategy's JSON
     * @param definitionFile instead of {@code definition}: the file holding it, relative to the working folder
     * @param warmUp         a ta4j strategy's warm-up in candles, instead of its {@code unstableBars}
     * @param stake          quote currency spent on each entry
     * @param feeRate        fee on each fill's notional, e.g. 0.001
     * @param slippageBps    fill price moved against the trader, in basis points
     * @param mode           {@code paper} (the default: fills are modelled) or {@code live} (orders on
     *                       {@code account}, docs/live.md)
     * @param account        a live strategy's account, one of {@code trading.accounts}
     * @param allocation     the quote currency a live strategy may spend of its account's, in all: its sub-ledger's
     *                       own money (docs/live.md, "Allocations"); none: its quote is not tracked
     */
    public record StrategyProperties(String exchange, String symbol, String timeframe, String type,
                                     Map<String, String> params, String definition, String definitionFile,
                                     Integer warmUp, BigDecimal stake,
                                     @DefaultValue("0.001") BigDecimal feeRate,
                                     @DefaultValue("0") BigDecimal slippageBps,
                                     @DefaultValue("paper") String mode, String account,
                                     BigDecimal maxPosition, BigDecimal maxDailyLoss, BigDecimal allocation) {
    }

    /**
     * @param busyRetries SQLite: how many more times a transaction whose write lock stayed busy for the whole busy
     *                    timeout is begun before its job fails
     */
    public record Database(@DefaultValue("" + SqliteTransactions.DEFAULT_BUSY_RETRIES) int busyRetries) {
    }

    /**
     * @param dir the folder of the strategy plugin jars (docs/strategies.md, "Plugins"), relative to the working
     *            folder; a folder that does not exist holds no plugin
     */
    public record Plugins(@DefaultValue("plugins") Path dir) {
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
     * @param settle  how long after an interval closed an exchange that leaves out intervals without trades
     *                (Coinbase) must have been asked for it before its answer counts: a candle may be published a
     *                little late, and a missing one asked too early is not yet an answer
     */
    public record Gaps(@DefaultValue("3") int maxAsks, @DefaultValue("1m") Duration settle) {
    }

    /**
     * @param maxOpenGap the longest open gap (missing candles nobody confirmed empty) a replay of a series from an
     *                   exchange runs over; a longer one refuses the replay (exit 2) unless {@code --allow-gaps}.
     *                   0, the default: any open gap refuses, as {@code evaluate} refuses to trade over one
     */
    public record Replay(@DefaultValue("0s") Duration maxOpenGap) {

        public Replay {
            if (maxOpenGap.isNegative()) {
                throw new BadInputException(PREFIX + ".replay.max-open-gap must not be negative, was " + maxOpenGap);
            }
        }
    }

    /**
     * @param heartbeatInterval how often a running job records that its process is alive
     * @param staleAfter        a job whose process runs on another host is judged dead after this long
     *                          without a heartbeat (on the same host the pid is checked directly)
     */
    public record Jobs(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("60s") Duration staleAfter) {
    }

    /**
     * @param maxIntentAge an intent never sent whose candle opened longer ago than this when the sender reaches it
     *                     (after a long halt, a trader down for hours) is not sent but {@code rejected}: its signal
     *                     is out of date. Unset: two candles of the strategy's timeframe
     */
    public record Live(Duration maxIntentAge) {

        public Live {
            if (maxIntentAge != null && (maxIntentAge.isNegative() || maxIntentAge.isZero())) {
                throw new BadInputException(PREFIX + ".live.max-intent-age must be positive, was " + maxIntentAge);
            }
        }

        /** The bound for a strategy of that timeframe: the setting, or two of its candles. */
        public Duration maxIntentAge(Duration timeframe) {
            return maxIntentAge != null ? maxIntentAge : timeframe.multipliedBy(2);
        }
    }

    /**
     * @param interval how often a trader ({@code run}, role {@code trader} or {@code all}) runs {@code driftJob} over
     *                 its strategies, storing each one's drift score; 0 switches it off
     */
    public record Drift(@DefaultValue("1h") Duration interval) {

        public Drift {
            if (interval.isNegative()) {
                throw new BadInputException(PREFIX + ".drift.interval must not be negative (0 switches it off), was "
                        + interval);
            }
        }

        /** Whether {@code run} computes drift at all. */
        public boolean enabled() {
            return !interval.isZero();
        }
    }

    /**
     * @param port    the TCP port the {@code dashboard} command serves its pages on (0: any free one)
     * @param address the address it listens on: 127.0.0.1, this host only, unless set otherwise
     * @param actions whether signed-in users may halt, resume and restart from its pages (off: read-only)
     * @param users   who may sign in, by user name; checked by the dashboard alone, when actions are on
     */
    public record Dashboard(@DefaultValue("8090") int port, @DefaultValue("127.0.0.1") String address,
                            @DefaultValue Actions actions, Map<String, DashboardUserProperties> users) {

        /** @param enabled halt, resume and restart from the pages, for signed-in users (docs/dashboard.md) */
        public record Actions(@DefaultValue("false") boolean enabled) {
        }

        public Dashboard {
            users = users == null ? Map.of() : new TreeMap<>(users);
            if (port < 0 || port > 65_535) {
                throw new BadInputException(PREFIX + ".dashboard.port must be 0 to 65535, was " + port);
            }
            if (address == null || address.isBlank()) {
                throw new BadInputException(PREFIX + ".dashboard.address is blank: give an address, e.g. 127.0.0.1");
            }
        }
    }

    /**
     * @param queue            the RabbitMQ queue {@code optimize --workers remote} sends a sweep's partitions to and
     *                         {@code run --role sweep-worker} takes them from
     * @param remoteTimeout    how long {@code optimize --workers remote} waits for every partition to end; then the
     *                         partitions not ended are marked FAILED (their worker is taken for dead) and the sweep fails
     * @param pollInterval     how often the manager reads the partitions' status from the job repository
     * @param remotePartitions how many partitions a remote sweep's sets are sliced into (a restart keeps the first
     *                         run's)
     * @param workerThreads    partitions one sweep worker computes at a time (0: as many as the machine has cores)
     */
    public record Sweep(@DefaultValue("trading-batch.sweep-partitions") String queue,
                        @DefaultValue("2h") Duration remoteTimeout, @DefaultValue("1s") Duration pollInterval,
                        @DefaultValue("32") int remotePartitions, @DefaultValue("0") int workerThreads) {

        public Sweep {
            if (queue == null || queue.isBlank()) {
                throw new BadInputException(PREFIX + ".sweep.queue is blank: give a queue name, e.g. trading-batch.sweep-partitions");
            }
            if (remoteTimeout.isNegative() || remoteTimeout.isZero()) {
                throw new BadInputException(PREFIX + ".sweep.remote-timeout must be positive, was " + remoteTimeout);
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new BadInputException(PREFIX + ".sweep.poll-interval must be positive, was " + pollInterval);
            }
            if (remotePartitions < 1 || remotePartitions > 10_000) {
                throw new BadInputException(PREFIX + ".sweep.remote-partitions must be 1 to 10000, was " + remotePartitions);
            }
            if (workerThreads < 0 || workerThreads > 1_000) {
                throw new BadInputException(PREFIX + ".sweep.worker-threads must be 0 to 1000, was " + workerThreads);
            }
        }

        /** The partitions a worker computes at a time: the setting, or the machine's cores. */
        public int threads() {
            return workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
        }
    }
}
