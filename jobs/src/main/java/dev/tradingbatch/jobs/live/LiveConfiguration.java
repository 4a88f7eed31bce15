package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Beans of live trading that tests replace. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    /** The orders of live strategies (live_orders). */
    @Bean
    LiveOrderRepository liveOrderRepository(DataSource dataSource) {
        return new LiveOrderRepository(dataSource);
    }

    /** The real fills of live strategies' orders (live_fills): their sub-ledgers. */
    @Bean
    LiveFillRepository liveFillRepository(DataSource dataSource) {
        return new LiveFillRepository(dataSource);
    }

    /** Where {@code api-key-env} and {@code secret-env} are read: the process environment; tests put fake keys there. */
    @Bean
    @ConditionalOnMissingBean(EnvironmentVariables.class)
    EnvironmentVariables environmentVariables() {
        return EnvironmentVariables.PROCESS;
    }
}
