package dev.tradingbatch.jobs.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.SqliteTransactions;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.jobs.BadInputException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * On SQLite, puts {@link SqliteTransactions} (bounded retry of a busy {@code BEGIN IMMEDIATE}, the WAL
 * bound) between the application's lazy-connection proxy and its pool, whatever else builds that proxy.
 */
@Configuration(proxyBeanMethods = false)
class SqliteWritesConfiguration {

    static final String BUSY_RETRIES = "trading.database.busy-retries";

    /**
     * {@code trading.database.busy-retries}: how many more times a transaction whose write lock stayed busy
     * for the whole busy timeout is begun before its job fails.
     */
    @Bean
    static BeanPostProcessor sqliteTransactions(Environment environment) {
        int retries = environment.getProperty(BUSY_RETRIES, Integer.class, SqliteTransactions.DEFAULT_BUSY_RETRIES);
        if (retries < 0) {
            throw new BadInputException(BUSY_RETRIES + " must be 0 or more, not " + retries);
        }
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof LazyConnectionDataSourceProxy lazy
                        && lazy.getTargetDataSource() instanceof HikariDataSource pool
                        && SqliteUrls.isSqlite(pool.getJdbcUrl())) {
                    lazy.setTargetDataSource(new SqliteTransactions(pool, pool.getJdbcUrl(), retries));
                }
                return bean;
            }
        };
    }
}
