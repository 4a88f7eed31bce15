package dev.tradingbatch.jobs.migrate;

import dev.tradingbatch.db.ReadOnlyConnections;
import dev.tradingbatch.db.SqliteUrls;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    /**
     * Flyway's migrate at start-up, on an SQLite file one process at a time: every container of a
     * compose project runs it, and Flyway cannot lock an SQLite database for the whole migration.
     * IMMEDIATE transactions order its steps, but a process waiting for a migration longer than its
     * busy timeout would fail with "database is locked"; behind the {@link MigrationLock} it waits
     * however long the migration takes, then finds nothing left to migrate. Other databases
     * (PostgreSQL) are locked by Flyway itself; an in-memory SQLite database has one process.
     * <p>
     * When nothing is pending (every start but the first of a version), the schema is only validated,
     * on read-only connections: Flyway's migrate would open write transactions to find that out, and
     * every command, {@code health} and {@code markets} included, would wait for any other process's
     * writer first.
     */
    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(DataSourceProperties properties) {
        String url = properties.determineUrl();
        Path database = SqliteUrls.isSqlite(url) ? SqliteUrls.file(url) : null;
        if (database == null) {
            return Flyway::migrate;
        }
        MigrationLock lock = MigrationLock.beside(database);
        return flyway -> lock.run(() -> migrateWhenPending(flyway));
    }

    /** Migrates when a migration is pending; otherwise validates as migrate would, reading only. */
    static void migrateWhenPending(Flyway flyway) {
        Configuration configuration = flyway.getConfiguration();
        Flyway reader = Flyway.configure(configuration.getClassLoader()).configuration(configuration)
                .dataSource(new ReadOnlyConnections(configuration.getDataSource())).load();
        if (reader.info().pending().length > 0) {
            flyway.migrate();
        } else if (configuration.isValidateOnMigrate()) {
            reader.validate();
        }
    }
}
