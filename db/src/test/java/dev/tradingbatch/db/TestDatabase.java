package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;

/**
 * A migrated database for a test, with the settings the application uses: an SQLite file in the test's
 * temporary folder, or a schema of its own on PostgreSQL ({@link TestDatabases}). The writers' tests use it too.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static HikariDataSource migrated(Path folder) {
        String url = TestDatabases.url(folder.resolve("test.db"));
        Dialect dialect = Dialect.of(url);
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(dialect == Dialect.SQLITE ? SqliteUrls.withSettings(url) : url);
        ds.setMaximumPoolSize(2);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + dialect.name().toLowerCase())
                .load().migrate();
        return ds;
    }
}
