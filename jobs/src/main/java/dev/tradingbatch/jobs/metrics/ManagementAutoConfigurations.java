package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.jobs.dashboard.DashboardServer;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Leaves out the auto-configurations of Actuator, Micrometer and the web server unless this process serves health
 * and metrics ({@link ManagementServer}): without it they would build a meter registry, its binders and endpoints in
 * every command, about a third more CPU time to start {@code markets}, for nothing. The dashboard's process
 * ({@link DashboardServer}) keeps the web server and Spring MVC, and leaves out the rest.
 */
public class ManagementAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> PACKAGES = List.of("org.springframework.boot.actuate.",
            "org.springframework.boot.health.", "org.springframework.boot.micrometer.",
            "org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.", "org.springframework.boot.servlet.",
            "org.springframework.boot.jackson.", "org.springframework.boot.http.converter.");
    /** What the dashboard serves its pages with. */
    private static final List<String> WEB = List.of("org.springframework.boot.webmvc.", "org.springframework.boot.tomcat.",
            "org.springframework.boot.servlet.", "org.springframework.boot.http.converter.");
    /** Other modules' parts about the same: a data source's health and pool metrics, Quartz's endpoint, ... */
    private static final List<String> PARTS = List.of(".actuate.", ".health.", ".metrics.", ".observation.");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean on = ManagementServer.on(environment);
        boolean web = DashboardServer.on(environment);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String c = autoConfigurationClasses[i];
            match[i] = on || c == null || !management(c) || web && dashboard(c);
        }
        return match;
    }

    /** Spring MVC and its server, without their parts about health, metrics and endpoints. */
    static boolean dashboard(String autoConfiguration) {
        return WEB.stream().anyMatch(autoConfiguration::startsWith) && PARTS.stream().noneMatch(autoConfiguration::contains)
                && !autoConfiguration.endsWith("EndpointAutoConfiguration")
                && !autoConfiguration.endsWith("ObservationAutoConfiguration");
    }

    static boolean management(String autoConfiguration) {
        return PACKAGES.stream().anyMatch(autoConfiguration::startsWith)
                || PARTS.stream().anyMatch(autoConfiguration::contains)
                || autoConfiguration.endsWith("EndpointAutoConfiguration")
                || autoConfiguration.endsWith("ObservationAutoConfiguration");
    }
}
