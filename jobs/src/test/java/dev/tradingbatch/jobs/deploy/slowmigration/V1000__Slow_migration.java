package dev.tradingbatch.jobs.deploy.slowmigration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/**
 * A migration that holds SQLite's write lock for {@code slow.migration.millis} (a rescale of a large
 * table would, for minutes): longer than the busy timeout of the processes waiting for it. Found by
 * Flyway only where a test adds this package to {@code spring.flyway.locations}.
 */
public class V1000__Slow_migration extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.executeUpdate("CREATE TABLE slow_migration (migrated_by_pid INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO slow_migration VALUES (" + ProcessHandle.current().pid() + ")");
        }
        Thread.sleep(Long.getLong("slow.migration.millis", 3000));
    }
}
