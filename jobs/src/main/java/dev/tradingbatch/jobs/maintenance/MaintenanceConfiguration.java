package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.ArchivedCandleRepository;
import dev.tradingbatch.db.SqliteBackup;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the maintenance commands read and write through: the candles {@code archive} exports and then deletes
 * ({@link ArchivedCandleRepository}), and the online copy {@code backup} makes of an SQLite database
 * ({@link SqliteBackup}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ArchivedCandleRepository.class, SqliteBackup.class})
class MaintenanceConfiguration {

    /** Nothing happens between writing a new file and checking it; tests stop there as a kill would. */
    @Bean
    @ConditionalOnMissingBean(PartialFileHook.class)
    PartialFileHook partialFileHook() {
        return PartialFileHook.NONE;
    }
}
