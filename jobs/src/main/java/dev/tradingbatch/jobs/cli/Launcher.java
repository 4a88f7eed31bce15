package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.TradingBatchApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.time.Clock;
import java.util.Map;

/**
 * Starts the Spring application for a command, once its arguments have been checked. Properties
 * given here win over every other source (tests point the database and exchanges with them);
 * a clock given here replaces the system clock.
 */
public final class Launcher {

    private final Map<String, Object> properties;
    private final Clock clock;

    public Launcher(Map<String, Object> properties, Clock clock) {
        this.properties = Map.copyOf(properties);
        this.clock = clock;
    }

    ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(TradingBatchApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addInitializers(ctx -> {
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("launcher", properties));
            if (clock != null) {
                ctx.getBeanFactory().registerSingleton("fixedClock", clock);
            }
        });
        return app.run();
    }
}
