package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.schedule.Role;
import dev.tradingbatch.jobs.schedule.ServiceRunner;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} of a service ({@code run} with {@code management.server.port}) answers while another
 * connection holds the write lock (BEGIN IMMEDIATE and an uncommitted insert), as it does without: a container's
 * healthcheck never goes unhealthy because a backfill is writing. The busy timeout is 1 s and no retry, so a health
 * check that waited for the lock would fail instead of being slow; nothing here asserts a time (both are printed).
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "SQLite's write lock")
class HealthBesideWriterIT {

    static final String STRATEGY = "rsi-bs-5m";

    @TempDir
    Path dir;

    @Test
    void shouldAnswerHealthWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        SettableClock clock = new SettableClock();
        clock.set(Instant.parse("2013-11-26T02:00:01Z"));
        BitstampSample.declare(cli, STRATEGY, "rsi", Map.of())
                .with("spring.datasource.url", "jdbc:sqlite:" + cli.database() + "?busy_timeout=1000")
                .with("trading.database.busy-retries", 0).with("management.server.port", "0").clock(clock);
        try (ConfigurableApplicationContext ctx = cli.launcher().withManagementServer().start()) {
            ctx.getBean(ServiceRunner.class).start(Role.TRADER, List.of(STRATEGY));
            int port = Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.management.port"));
            MetricsIT.awaitIdle(ctx);
            Scrape.get(port, "/actuator/health");   // the first request of a fresh server loads classes: untimed
            long started = System.nanoTime();
            Scrape alone = Scrape.get(port, "/actuator/health");
            long aloneMillis = (System.nanoTime() - started) / 1_000_000;

            Scrape locked;
            long lockedMillis;
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + cli.database()
                    + "?busy_timeout=1000"); Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.executeUpdate("INSERT INTO markets (exchange, symbol, timeframe) VALUES ('kraken', 'ETH/USD', '1h')");
                started = System.nanoTime();
                locked = Scrape.get(port, "/actuator/health");
                lockedMillis = (System.nanoTime() - started) / 1_000_000;
                s.execute("ROLLBACK");
            }
            System.out.printf("/actuator/health %d ms unloaded, %d ms beside a held write lock%n", aloneMillis,
                    lockedMillis);

            assertThat(alone.status()).as(alone.body()).isEqualTo(200);
            assertThat(locked.status()).as(locked.body()).isEqualTo(200);
            for (Scrape health : List.of(alone, locked)) {
                assertThat(health.body()).contains("\"db\":{\"details\":{\"database\":\"SQLite\","
                                + "\"validationQuery\":\"isValid()\"},\"status\":\"UP\"}")
                        .contains("\"schedule\":{\"status\":\"UP\"}").endsWith("\"status\":\"UP\"}");
            }
        }
    }
}
