package dev.tradingbatch.jobs.concurrency;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.model.Timeframe;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read-only command while another connection holds the write lock (BEGIN IMMEDIATE and an uncommitted
 * insert): each finishes with exit 0 and what it prints without the lock. The busy timeout is 1 s and no retry,
 * so a command that waited for the lock would fail ("stayed locked by another writer") instead of being slow;
 * nothing here asserts a time. The times with and without the lock are printed for the record.
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "SQLite's write lock")
class ReadersBesideWriterIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();

    static final List<List<String>> READERS = List.of(
            List.of("markets"),
            List.of("gaps"),
            List.of("health"),
            List.of("report"),
            List.of("report", "--strategy", "btc-bin-1h"),
            List.of("jobs", "list"),
            List.of("jobs", "show", "1"),
            List.of("replay", "list"));

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 120);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void storeCandlesTradesAndJobs() {
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
                .with("trading.database.busy-retries", 0)
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 100 * H + 60_000), ZoneOffset.UTC));
        cli.with("spring.datasource.url", "jdbc:sqlite:" + cli.database() + "?busy_timeout=1000");
        assertThat(cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01").exitCode()).isZero();
        assertThat(cli.run("evaluate", "--strategy", "btc-bin-1h").exitCode()).isZero();
        CliRun.Result replay = cli.run("replay", "--strategy", "btc-bin-1h");
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    }

    @Test
    void shouldAnswerEveryReadOnlyCommandWhileAnotherConnectionHoldsTheWriteLock() throws SQLException {
        Map<List<String>, CliRun.Result> unloaded = new LinkedHashMap<>();
        Map<List<String>, Long> unloadedMillis = new LinkedHashMap<>();
        for (List<String> command : READERS) {
            long started = System.nanoTime();
            unloaded.put(command, cli.run(command.toArray(String[]::new)));
            unloadedMillis.put(command, (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(unloaded.get(List.of("markets")).out()).contains("binance").contains("BTC/USDT");

        SoftAssertions soft = new SoftAssertions();
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + cli.database() + "?busy_timeout=1000");
             Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.executeUpdate("INSERT INTO markets (exchange, symbol, timeframe) VALUES ('kraken', 'ETH/USD', '1h')");
            for (List<String> command : READERS) {
                long started = System.nanoTime();
                CliRun.Result locked = cli.run(command.toArray(String[]::new));
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("%-30s %6d ms unloaded, %6d ms beside a held write lock%n", String.join(" ", command),
                        unloadedMillis.get(command), millis);

                CliRun.Result alone = unloaded.get(command);
                soft.assertThat(alone.exitCode()).as(String.join(" ", command) + ": " + alone.out() + alone.err())
                        .isZero();
                soft.assertThat(locked.exitCode()).as(String.join(" ", command) + ": " + locked.out() + locked.err())
                        .isZero();
                soft.assertThat(locked.out()).as(String.join(" ", command)).isEqualTo(alone.out());
            }
            s.execute("ROLLBACK");
        }
        soft.assertAll();
    }
}
