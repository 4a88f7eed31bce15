package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.config.TradingProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Map;

/**
 * Whether this process serves the dashboard: only the {@code dashboard} command's does. Then the application is a
 * servlet application whose server listens on {@code trading.dashboard.port} and {@code trading.dashboard.address}
 * (8090 on 127.0.0.1 unless set), with Spring MVC and Tomcat but without Actuator or Micrometer; every other
 * command stays without a web server ({@code ManagementAutoConfigurations} leaves the web out). With
 * {@code trading.dashboard.actions.enabled} its users are checked before anything starts, and Spring Security guards
 * the actions ({@link DashboardSecurity}); in every other case Spring Security stays out
 * ({@link SecurityAutoConfigurations}).
 */
public final class DashboardServer {

    /** The property source that turns the dashboard on; its presence is how the rest of the start-up knows. */
    static final String PROPERTY_SOURCE = "dashboard server";
    /** The property source present when its actions are on ({@code trading.dashboard.actions.enabled}). */
    static final String ACTIONS_PROPERTY_SOURCE = "dashboard actions";

    private DashboardServer() {
    }

    /** For {@code dashboard}: a web application on the dashboard's port and address, once the settings are read. */
    public static ApplicationListener<ApplicationEnvironmentPreparedEvent> listener() {
        return event -> {
            ConfigurableEnvironment environment = event.getEnvironment();
            TradingProperties.Dashboard settings = Binder.get(environment)
                    .bindOrCreate("trading.dashboard", TradingProperties.Dashboard.class);
            if (settings.actions().enabled()) {
                // before anything starts or is written: no user, or a user without a usable password, is bad input
                DashboardUsers.of(settings);
                environment.getPropertySources().addFirst(new MapPropertySource(ACTIONS_PROPERTY_SOURCE, Map.of(
                        // the sign-in's session cookie: never sent by another site's form or script
                        "server.servlet.session.cookie.same-site", "strict",
                        "server.servlet.session.cookie.http-only", true)));
            }
            event.getSpringApplication().setWebApplicationType(WebApplicationType.SERVLET);
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                    "server.port", settings.port(), "server.address", settings.address(),
                    // a session only for who signs in to act (a cookie, never in a URL); no stack trace on a page
                    "server.error.include-stacktrace", "never", "server.servlet.session.tracking-modes", "cookie")));
        };
    }

    /** Whether this process serves the dashboard with its actions on (and so Spring Security in front of them). */
    public static boolean actions(Environment environment) {
        return on(environment) && environment instanceof ConfigurableEnvironment c
                && c.getPropertySources().contains(ACTIONS_PROPERTY_SOURCE);
    }

    /** Registers a bean only in the dashboard's process with its actions on: the actions, the sign-in. */
    static final class ActionsOn implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return actions(context.getEnvironment());
        }
    }

    /** Whether this process serves the dashboard. */
    public static boolean on(Environment environment) {
        return environment instanceof ConfigurableEnvironment c && c.getPropertySources().contains(PROPERTY_SOURCE);
    }

    /** Registers a bean only in the dashboard's process (its controller: no other command has a web server). */
    static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return on(context.getEnvironment());
        }
    }
}
