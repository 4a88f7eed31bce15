package dev.tradingbatch.jobs.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.Dialect;
import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.db.FiredTriggerRepository;
import dev.tradingbatch.db.HeartbeatRepository;
import dev.tradingbatch.db.JobExecutionQueries;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.db.MarketRulesRepository;
import dev.tradingbatch.db.RejectedCandleRepository;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.db.SqliteFileCheck;
import dev.tradingbatch.db.SqliteTransactions;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.readers.exchange.Sleeper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The database connection, and the db module's repositories as beans (each built from its one constructor,
 * which takes the DataSource): market data ({@link CandleRepository}, {@link RejectedCandleRepository},
 * {@link GapRepository}, {@link DerivedCandleRepository}), cached data ({@link MarketRulesRepository}), research data ({@link SweepResultRepository}), fleet data ({@link DriftScoreRepository}), trade data ({@link TradeRepository}, read by reports through
 * {@link ReportRepository}), which process runs each job ({@link HeartbeatRepository}), and the reads of Spring
 * Batch's and Quartz's tables ({@link JobExecutionQueries}, {@link FiredTriggerRepository}).
 */
@Configuration(proxyBeanMethods = false)
@Import({CandleRepository.class, RejectedCandleRepository.class, GapRepository.class, TradeRepository.class,
        ReportRepository.class, HeartbeatRepository.class, JobExecutionQueries.class, FiredTriggerRepository.class,
        MarketRulesRepository.class, SweepResultRepository.class, DerivedCandleRepository.class,
        DriftScoreRepository.class})
class DatabaseConfiguration {

    /**
     * The standard {@code spring.datasource.*} connection, SQLite or PostgreSQL ({@link Dialect}); on
     * SQLite, the file's folder is created and every connection gets WAL, a busy timeout,
     * synchronous=NORMAL, foreign keys and IMMEDIATE transactions through the URL, and transactions
     * go through {@link SqliteTransactions}: a {@code BEGIN IMMEDIATE} still busy after the busy
     * timeout is retried {@code trading.database.busy-retries} times, and a WAL grown past
     * {@code journal_size_limit} is checkpointed before the next write.
     * <p>
     * Connections are taken lazily, at a transaction's first statement: a chunk transaction begins
     * before its reader asks the exchange for a page, and on SQLite an IMMEDIATE transaction holds
     * the write lock from its start, so an eager connection would keep every other process from
     * writing for as long as the exchange takes to answer.
     */
    @Bean
    LazyDataSource dataSource(DataSourceProperties properties, TradingProperties trading) {
        int busyRetries = trading.database().busyRetries();
        String url = properties.determineUrl();
        HikariDataSource ds = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            return new LazyDataSource(ds, ds);
        }
        if (busyRetries < 0) {
            throw new BadInputException("trading.database.busy-retries must be 0 or more, not " + busyRetries);
        }
        SqliteUrls.prepareFolder(url);
        Path file = SqliteUrls.file(url);
        if (file != null) {
            // before the settings switch it to WAL and the migration puts its lock file beside it
            SqliteFileCheck.check(file);
        }
        ds.setJdbcUrl(SqliteUrls.withSettings(url));
        // one writer at a time anyway; a few connections let readers run beside it
        ds.setMaximumPoolSize(4);
        return new LazyDataSource(new SqliteTransactions(ds, ds.getJdbcUrl(), busyRetries), ds);
    }

    /** A lazy-connection proxy over {@code target} that closes the pool with the application. */
    static final class LazyDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {
        private final HikariDataSource pool;

        LazyDataSource(DataSource target, HikariDataSource pool) {
            super(target);
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** How every wait for an exchange (retry backoff, request budget) is spent: tests record waits instead. */
    @Bean
    @ConditionalOnMissingBean(Sleeper.class)
    Sleeper sleeper() {
        return Sleeper.THREAD;
    }

    /**
     * The one source of "now" (UTC) for market time: which candles have closed. {@code trading.now}
     * fixes it (to try evaluate on imported history); tests put a fixed clock in its place.
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock(TradingProperties trading) {
        String now = trading.now();
        if (now == null || now.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.ofEpochMilli(OpenTimes.parse(now)), ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("trading.now " + e.getMessage());
        }
    }
}
