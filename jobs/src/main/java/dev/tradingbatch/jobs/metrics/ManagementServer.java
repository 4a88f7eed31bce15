package dev.tradingbatch.jobs.metrics;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Whether this process serves health and metrics: only {@code run}, and only with {@code management.server.port}
 * set. Then the application is a servlet application without a server of its own ({@code server.port} -1), so the
 * management server (on {@code management.server.address}, 127.0.0.1 by default) is the only one that listens.
 * Every other process leaves Actuator, Micrometer and the web server out altogether
 * ({@link ManagementAutoConfigurations}): no port, no meters, no start-up time spent on them.
 */
public final class ManagementServer {

    static final String PORT = "management.server.port";
    /** The property source that turns the server on; its presence is how the rest of the start-up knows. */
    static final String PROPERTY_SOURCE = "management server only";

    private ManagementServer() {
    }

    /** For {@code run}: turns the management server on once the configuration files are read, if they set the port. */
    public static ApplicationListener<ApplicationEnvironmentPreparedEvent> whenPortSet() {
        return event -> {
            ConfigurableEnvironment environment = event.getEnvironment();
            if (environment.containsProperty(PORT)) {
                event.getSpringApplication().setWebApplicationType(WebApplicationType.SERVLET);
                environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of("server.port", -1)));
            }
        };
    }

    static boolean on(Environment environment) {
        return environment instanceof ConfigurableEnvironment c && c.getPropertySources().contains(PROPERTY_SOURCE);
    }
}
