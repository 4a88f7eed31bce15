package dev.tradingbatch.jobs.concurrency;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill while another process holds the database's write lock: taken when Binance is asked for the
 * first page (the job has started; its first chunk is about to be written) and released a set time later.
 * The busy timeout is 1 s (a URL setting) so the test waits seconds, not minutes.
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "SQLite's write lock and its busy timeout")
class LockedDatabaseIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final String[] BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--from", "2024-01-01"};

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 1501);
    final OtherWriter otherWriter = new OtherWriter(exchange);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = WireMockExtension.newInstance()
            .options(options().dynamicPort().extensions(exchange, otherWriter)).build();

    CliRun cli;

    @BeforeEach
    void start() {
        binance.stubFor(FakeBinance.stub());
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                .withQueryParam("startTime", equalTo(String.valueOf(T0)))
                .willReturn(aResponse().withTransformers(OtherWriter.NAME)));
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 1500 * H + 30 * 60_000), ZoneOffset.UTC));
        cli.with("spring.datasource.url", "jdbc:sqlite:" + cli.database() + "?busy_timeout=1000");
        assertThat(cli.run("markets").exitCode()).as("schema created").isZero();
        otherWriter.database = cli.database();
    }

    @AfterEach
    void release() throws InterruptedException {
        otherWriter.join();
    }

    @Test
    void shouldStoreEverythingWhenTheLockIsReleasedWithinTheRetries() {
        cli.with("trading.database.busy-retries", 3); // 4 attempts of 1 s
        otherWriter.holdFor(1500);

        CliRun.Result r = cli.run(BACKFILL);

        assertThat(otherWriter.held.get()).as("the other writer held the lock").isEqualTo(1);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("1500 stored, 0 already present, 0 rejected (COMPLETED");
        assertThat(r.out() + r.err()).doesNotContainIgnoringCase("locked");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).doesNotHaveDuplicates().hasSize(1500);
    }

    @Test
    void shouldFailInOneLineAndRestartWhereItStoppedWhenTheLockOutlastsTheRetries() {
        cli.with("trading.database.busy-retries", 1); // 2 attempts of 1 s; recording the failure finds the lock free
        otherWriter.holdFor(3000);

        CliRun.Result failed = cli.run(BACKFILL);

        assertThat(otherWriter.held.get()).isEqualTo(1);
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.out()).containsPattern("\nfailed: database \\Q" + cli.database().toAbsolutePath()
                + "\\E stayed locked by another writer for 2\\.\\d s \\(2 attempts, busy_timeout 1000 ms each\\);"
                + " this transaction wrote nothing\n");
        assertThat(failed.out() + failed.err()).doesNotContain("database is locked").doesNotContain("SQLITE_BUSY");
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isZero();
        assertThat(cli.run("jobs", "list").out()).contains("FAILED");

        CliRun.Result again = cli.run(BACKFILL);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("1500 stored, 0 already present, 0 rejected (COMPLETED");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).doesNotHaveDuplicates().hasSize(1500);
    }

    /**
     * Another process's writer: when the first page is asked for, begins a write transaction on its own
     * connection and ends it {@code holdMillis} later; once per test. The exchange answers as usual.
     */
    static final class OtherWriter implements ResponseDefinitionTransformerV2 {

        static final String NAME = "other-writer";
        private final FakeBinance exchange;
        volatile Path database;
        volatile long holdMillis;
        final AtomicInteger held = new AtomicInteger();
        private volatile Thread releaser;

        OtherWriter(FakeBinance exchange) {
            this.exchange = exchange;
        }

        void holdFor(long millis) {
            holdMillis = millis;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (holdMillis > 0 && held.getAndIncrement() == 0) {
                try {
                    Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?busy_timeout=5000");
                    Statement s = c.createStatement();
                    s.execute("BEGIN IMMEDIATE");
                    releaser = Thread.ofPlatform().start(() -> {
                        try (c; s) {
                            Thread.sleep(holdMillis);
                            s.execute("ROLLBACK");
                        } catch (SQLException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return exchange.transform(event);
        }

        void join() throws InterruptedException {
            if (releaser != null) {
                releaser.join();
            }
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }
}
