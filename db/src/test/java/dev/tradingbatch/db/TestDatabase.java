package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;

/** A migrated SQLite file in a test's temporary folder, with the settings the application uses. */
final class TestDatabase {

    private TestDatabase() {
    }

    static HikariDataSource migrated(Path folder) {
        String url = SqliteUrls.withSettings("jdbc:sqlite:" + folder.resolve("test.db"));
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(2);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
        return ds;
    }
}
