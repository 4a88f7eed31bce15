package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.jobs.BadInputException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Stops the application's start, before any bean is created, when the configured database is not
 * an SQLite file. Given to the launcher by {@code backup}: on another database the application
 * would fail to start with a message about a missing driver instead of saying what is wrong.
 */
public final class SqliteFileRequired implements BeanFactoryPostProcessor {

    private final String command;

    public SqliteFileRequired(String command) {
        this.command = command;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Environment env = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class);
        String url = env.getProperty("spring.datasource.url");
        if (!SqliteUrls.isSqlite(url)) {
            throw new BadInputException(command + " copies an SQLite database file, and spring.datasource.url is "
                    + scheme(url) + ": use that database's own tools (pg_dump for PostgreSQL)");
        }
        if (SqliteUrls.file(url) == null) {
            throw new BadInputException(command + " copies an SQLite database file, and spring.datasource.url "
                    + url + " is an in-memory database");
        }
    }

    /** The URL's {@code jdbc:vendor:} part only: the rest may hold a password. */
    private static String scheme(String url) {
        if (url == null || url.isBlank()) {
            return "not set";
        }
        String[] parts = url.split(":", 3);
        return parts.length < 3 ? "'" + url + "'" : "a " + parts[1] + " database (" + parts[0] + ":" + parts[1] + ":...)";
    }
}
