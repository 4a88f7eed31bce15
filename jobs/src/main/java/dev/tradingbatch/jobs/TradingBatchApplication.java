package dev.tradingbatch.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application every command starts: database, job repository, jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TradingBatchApplication {
}
