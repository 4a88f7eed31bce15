package dev.tradingbatch.jobs.config;

import dev.tradingbatch.db.Dialect;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that follow from which database {@code spring.datasource.url} names, as defaults that
 * every other configuration source overrides. On SQLite Quartz keeps its schedule in memory (it has
 * no SQLite job store; each process rebuilds its schedule from configuration at start). On PostgreSQL
 * Quartz uses its JDBC job store in cluster mode on the application's database (tables from the
 * PostgreSQL migrations), so that of several service instances with the same role each trigger fires
 * once and the jobs of an instance that died are recovered by another.
 */
public class DatabaseDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        Dialect dialect;
        try {
            dialect = Dialect.of(url);
        } catch (RuntimeException e) {
            return;   // the DataSource refuses it, with the message, when it is created
        }
        environment.getPropertySources().addLast(new MapPropertySource("database defaults", defaults(dialect)));
    }

    static Map<String, Object> defaults(Dialect dialect) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (dialect == Dialect.SQLITE) {
            d.put("spring.quartz.job-store-type", "memory");
            return d;
        }
        String quartz = "spring.quartz.properties.org.quartz.";
        d.put("spring.quartz.job-store-type", "jdbc");
        d.put("spring.quartz.jdbc.initialize-schema", "never");   // Flyway's V7 has the tables
        d.put("spring.quartz.overwrite-existing-jobs", "true");
        d.put(quartz + "jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        d.put(quartz + "jobStore.isClustered", "true");
        d.put(quartz + "jobStore.clusterCheckinInterval", "5000");
        d.put(quartz + "jobStore.useProperties", "true");   // job data as strings, never serialised objects
        d.put(quartz + "scheduler.instanceId", "AUTO");
        return d;
    }

    /** After the configuration files are read: the URL may come from any of them. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
