package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.DashboardActionRepository;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The audit trail as a bean, in the dashboard's process: {@link DashboardActionRepository} owns its table. */
@Configuration(proxyBeanMethods = false)
@Conditional(DashboardServer.On.class)
@Import(DashboardActionRepository.class)
class DashboardConfiguration {
}
