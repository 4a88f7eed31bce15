package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.TradingBatchApplication;
import dev.tradingbatch.jobs.config.ConfigurationErrors;
import dev.tradingbatch.jobs.dashboard.DashboardServer;
import dev.tradingbatch.jobs.metrics.ManagementServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the Spring application for a command, once its arguments have been checked. Properties
 * given here win over every other source (tests point the database and exchanges with them);
 * beans given here replace the application's own (a fixed clock replaces the system clock).
 */
public final class Launcher {

    private final Map<String, Object> properties;
    private final Map<String, Object> beans;
    private boolean shutdownHook = true;
    private boolean managementServer;
    private boolean dashboard;
    /** The database URL of the last application started, shared with every launcher made from this one. */
    private final AtomicReference<String> databaseUrl;

    /** {@code beans} replace the application's own of the same type (a fixed clock, a sleeper that only records). */
    public Launcher(Map<String, Object> properties, Map<String, Object> beans) {
        this(properties, beans, new AtomicReference<>());
    }

    private Launcher(Map<String, Object> properties, Map<String, Object> beans, AtomicReference<String> databaseUrl) {
        this.properties = Map.copyOf(properties);
        this.beans = Map.copyOf(beans);
        this.databaseUrl = databaseUrl;
    }

    /**
     * {@code spring.datasource.url} of the application this launcher (or one made from it) started last, known as
     * soon as its configuration is read; empty before: what a failure names as the database.
     */
    Optional<String> databaseUrl() {
        return Optional.ofNullable(databaseUrl.get());
    }

    /** This launcher with more properties and beans (they win over the ones it had). */
    public Launcher with(Map<String, Object> moreProperties, Map<String, Object> moreBeans) {
        Map<String, Object> p = new java.util.HashMap<>(properties);
        p.putAll(moreProperties);
        Map<String, Object> b = new java.util.HashMap<>(beans);
        b.putAll(moreBeans);
        return new Launcher(p, b, databaseUrl);
    }

    /** This launcher, leaving shutdown to the caller (the service closes the application itself on SIGTERM). */
    Launcher withoutShutdownHook() {
        return copy(false, managementServer, dashboard);
    }

    /**
     * This launcher, starting the management server ({@code /actuator/health}, {@code /actuator/prometheus})
     * when {@code management.server.port} is set, from whichever source: only {@code run} does
     * ({@link ManagementServer}). Without the port, or for any other command, no web server starts.
     */
    public Launcher withManagementServer() {
        return copy(shutdownHook, true, dashboard);
    }

    /**
     * This launcher, starting the dashboard's web server on {@code trading.dashboard.port} and
     * {@code .address} ({@link DashboardServer}): only {@code dashboard} does.
     */
    public Launcher withDashboard() {
        return copy(shutdownHook, managementServer, true);
    }

    private Launcher copy(boolean withShutdownHook, boolean withManagementServer, boolean withDashboard) {
        Launcher l = new Launcher(properties, beans, databaseUrl);
        l.shutdownHook = withShutdownHook;
        l.managementServer = withManagementServer;
        l.dashboard = withDashboard;
        return l;
    }

    /**
     * Waits until the JVM is asked to stop (SIGTERM, Ctrl-C), then runs {@code stop} and exits 0: how a service
     * ({@code run}, {@code dashboard}) ends, with the application closed by {@code stop} rather than by a hook of its own
     * ({@link #withoutShutdownHook}).
     */
    static void untilStopped(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }, "service-shutdown"));
        stopped.await();
    }

    /** The started application; the caller closes it. */
    public ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(TradingBatchApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setRegisterShutdownHook(shutdownHook);
        // in the environment from the start, so that logging levels given here apply too
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("launcher", properties));
        app.setEnvironment(environment);
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event ->
                databaseUrl.set(event.getEnvironment().getProperty("spring.datasource.url")));
        app.addInitializers(ctx -> beans.forEach((name, bean) -> ctx.getBeanFactory().registerSingleton(name, bean)));
        if (managementServer) {
            // decided once the configuration files are read (the port may come from config/application.yml)
            app.addListeners(ManagementServer.whenPortSet());
        }
        if (dashboard) {
            app.addListeners(DashboardServer.listener());
        }
        // a start that fails before logging is set up (a configuration file that is not YAML) would print Spring's
        // report with a stack trace: the command says what is wrong in one line (Cli), as after it
        LoggingSystem logging = LoggingSystem.get(Launcher.class.getClassLoader());
        logging.setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
        logging.setLogLevel("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", LogLevel.OFF);
        try {
            return app.run();
        } catch (RuntimeException e) {
            throw ConfigurationErrors.badInput(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
