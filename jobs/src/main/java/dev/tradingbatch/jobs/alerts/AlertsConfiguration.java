package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.AlertRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The alerts outbox as a bean: {@link AlertRepository} owns {@code alert_events}. */
@Configuration(proxyBeanMethods = false)
@Import(AlertRepository.class)
class AlertsConfiguration {
}
