package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.HaltRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The halts' table as a bean: {@link HaltRepository} owns {@code strategy_halts}. */
@Configuration(proxyBeanMethods = false)
@Import(HaltRepository.class)
class HaltConfiguration {
}
