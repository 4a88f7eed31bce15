package dev.tradingbatch.jobs.schedule;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code health} both ways, as a container health check uses it. */
class HealthTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 120);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void configure() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .with("trading.markets[0].exchange", "binance").with("trading.markets[0].symbol", "BTC/USDT")
                .with("trading.markets[0].timeframes[0]", "1h")
                .with("trading.strategies.btc-bin-1h.exchange", "binance")
                .with("trading.strategies.btc-bin-1h.symbol", "BTC/USDT")
                .with("trading.strategies.btc-bin-1h.timeframe", "1h")
                .with("trading.strategies.btc-bin-1h.type", "rsi")
                .with("trading.strategies.btc-bin-1h.params.period", "3")
                .with("trading.strategies.btc-bin-1h.stake", "1000")
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 100 * H + 60_000), ZoneOffset.UTC));
    }

    @Test
    void shouldBeHealthyOnlyWhileTheRolesJobsRunOnTime() {
        CliRun.Result fresh = cli.run("health");
        assertThat(fresh.exitCode()).isEqualTo(1);
        assertThat(fresh.out()).isEqualTo("""
                unhealthy: backfill binance BTC/USDT 1h: has not run yet
                unhealthy: evaluate btc-bin-1h: has not run yet
                """);

        assertThat(cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01").exitCode()).isZero();
        assertThat(cli.run("evaluate", "--strategy", "btc-bin-1h").exitCode()).isZero();
        CliRun.Result healthy = cli.run("health");
        CliRun.Result backfiller = cli.run("health", "--role", "backfiller");

        assertThat(healthy.exitCode()).as(healthy.out()).isZero();
        assertThat(healthy.out()).isEqualTo("healthy\n");
        assertThat(backfiller.exitCode()).isZero();

        Timestamp ended = cli.queryForObject("SELECT END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = 1",
                Timestamp.class);
        cli.update("UPDATE BATCH_JOB_EXECUTION SET END_TIME = ? WHERE JOB_EXECUTION_ID = 1",
                new Timestamp(ended.getTime() - 3 * H));
        CliRun.Result late = cli.run("health", "--role", "backfiller");
        CliRun.Result trader = cli.run("health", "--role", "trader");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.out()).isEqualTo(
                "unhealthy: backfill binance BTC/USDT 1h: last completed 180 min ago (expected within 120 min)\n");
        assertThat(trader.exitCode()).as("the trader's own job is on time").isZero();
    }

    @Test
    void shouldNotExpectEvaluationsOfAHaltedStrategy() {
        assertThat(cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01").exitCode()).isZero();
        assertThat(cli.run("halt", "--strategy", "btc-bin-1h").exitCode()).isZero();
        assertThat(cli.run("evaluate", "--strategy", "btc-bin-1h").out()).contains("nothing evaluated");

        CliRun.Result halted = cli.run("health", "--role", "trader");
        cli.run("resume", "--strategy", "btc-bin-1h");
        CliRun.Result resumed = cli.run("health", "--role", "trader");

        assertThat(halted.exitCode()).as(halted.out()).isZero();
        assertThat(halted.out()).isEqualTo("healthy\n");
        assertThat(resumed.exitCode()).isEqualTo(1);
        assertThat(resumed.out()).isEqualTo("unhealthy: evaluate btc-bin-1h: has not run yet\n");
    }

    @Test
    void shouldBeUnhealthyWhenTheDatabaseDoesNotOpen() throws Exception {
        if (TestDatabases.postgresql()) {
            cli.with("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/no_such_database");
        } else {
            Path notADatabase = dir.resolve("data").resolve("trading.db");
            Files.createDirectories(notADatabase.getParent());
            Files.writeString(notADatabase, "this is not an SQLite database, just text that is long enough ".repeat(40));
        }

        CliRun.Result r = cli.run("health");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("unhealthy: the database does not open: ");
    }

    @Test
    void shouldRefuseABadRole() {
        CliRun.Result r = cli.run("health", "--role", "nobody");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: Invalid value for option '--role'");
    }
}
