package dev.tradingbatch.jobs.migrate;

import dev.tradingbatch.db.SqliteUrls;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    /**
     * Flyway's migrate at start-up, on an SQLite file one process at a time: every container of a
     * compose project runs it, and Flyway cannot lock an SQLite database for the whole migration.
     * IMMEDIATE transactions order its steps, but a process waiting for a migration longer than its
     * busy timeout would fail with "database is locked"; behind the {@link MigrationLock} it waits
     * however long the migration takes, then finds nothing left to migrate. Other databases
     * (PostgreSQL) are locked by Flyway itself; an in-memory SQLite database has one process.
     */
    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(DataSourceProperties properties) {
        String url = properties.determineUrl();
        Path database = SqliteUrls.isSqlite(url) ? SqliteUrls.file(url) : null;
        if (database == null) {
            return Flyway::migrate;
        }
        MigrationLock lock = MigrationLock.beside(database);
        return flyway -> lock.run(flyway::migrate);
    }
}
