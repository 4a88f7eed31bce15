package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.ArchivedCandleRepository;
import dev.tradingbatch.db.SqliteBackup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    /** The candles {@code archive} exports and then deletes. */
    @Bean
    ArchivedCandleRepository archivedCandleRepository(DataSource dataSource) {
        return new ArchivedCandleRepository(dataSource);
    }

    /** The online copy {@code backup} makes of an SQLite database. */
    @Bean
    SqliteBackup sqliteBackup(DataSource dataSource) {
        return new SqliteBackup(dataSource);
    }
}
