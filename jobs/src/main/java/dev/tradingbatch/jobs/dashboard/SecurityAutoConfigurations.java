package dev.tradingbatch.jobs.dashboard;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.Set;

/**
 * Leaves Spring Boot's security auto-configurations out of every process but the dashboard's with its actions on
 * ({@link DashboardServer#actions}). Spring Security is on the class path for that one process; left to itself, Boot
 * would put a login with a generated password in front of {@code run}'s {@code /actuator/health} and
 * {@code /actuator/prometheus} (which Prometheus and the healthchecks scrape without one) and of the read-only
 * dashboard. Even then only the servlet filter chain is kept: never the generated user (the dashboard's users come
 * from its settings, {@link DashboardUsers}) nor the security of Actuator's endpoints.
 */
public class SecurityAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String SECURITY = "org.springframework.boot.security.";
    /** What the dashboard's filter chain ({@link DashboardSecurity}) needs of Boot. */
    private static final Set<String> DASHBOARD = Set.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean actions = DashboardServer.actions(environment);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            match[i] = kept(autoConfigurationClasses[i], actions);
        }
        return match;
    }

    static boolean kept(String autoConfiguration, boolean actions) {
        return autoConfiguration == null || !autoConfiguration.startsWith(SECURITY)
                || actions && DASHBOARD.contains(autoConfiguration);
    }
}
