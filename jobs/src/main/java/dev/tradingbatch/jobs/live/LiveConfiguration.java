package dev.tradingbatch.jobs.live;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of live trading that tests replace. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    /** Where {@code api-key-env} and {@code secret-env} are read: the process environment; tests put fake keys there. */
    @Bean
    @ConditionalOnMissingBean(EnvironmentVariables.class)
    EnvironmentVariables environmentVariables() {
        return EnvironmentVariables.PROCESS;
    }
}
