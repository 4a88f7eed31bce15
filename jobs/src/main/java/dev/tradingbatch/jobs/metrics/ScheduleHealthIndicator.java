package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.jobs.schedule.Health;
import dev.tradingbatch.jobs.schedule.Role;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code schedule} part of {@code /actuator/health}: what the {@code health} command says for this service's role
 * and strategies. DOWN, with one line per problem, when a scheduled backfill or evaluation is late or its last run
 * failed; UNKNOWN until the service has started its schedule.
 */
@Component
public class ScheduleHealthIndicator implements HealthIndicator {

    private final Health health;
    private volatile Scope scope;

    private record Scope(Role role, List<String> strategies) {
    }

    ScheduleHealthIndicator(Health health) {
        this.health = health;
    }

    /** The service's role and strategies, once it runs. */
    public void watch(Role role, List<String> strategies) {
        scope = new Scope(role, List.copyOf(strategies));
    }

    @Override
    public org.springframework.boot.health.contributor.Health health() {
        Scope s = scope;
        if (s == null) {
            return org.springframework.boot.health.contributor.Health.unknown().build();
        }
        List<String> problems = health.problems(s.role(), s.strategies());
        return (problems.isEmpty() ? org.springframework.boot.health.contributor.Health.up()
                : org.springframework.boot.health.contributor.Health.down().withDetail("problems", problems)).build();
    }
}
