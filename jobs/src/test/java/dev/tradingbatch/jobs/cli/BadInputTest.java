package dev.tradingbatch.jobs.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input: one line naming the value, exit code 2, nothing written. */
class BadInputTest {

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    CliRun cli;

    @BeforeEach
    void start() {
        binance.stubFor(get(urlPathEqualTo("/api/v3/klines")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--exchange bitfinex --symbol BTC/USD --timeframe 1h"
                    + "|unknown exchange 'bitfinex' (expected binance, coinbase, kraken, file)",
            "--exchange binance --symbol BTCUSDT --timeframe 1h|symbol 'BTCUSDT' is not BASE/QUOTE, e.g. BTC/USDT",
            "--exchange binance --symbol BTC/USDT --timeframe 2h"
                    + "|unknown timeframe '2h' (expected one of 1m, 5m, 15m, 1h, 4h, 1d)",
            "--exchange coinbase --symbol BTC/USD --timeframe 4h"
                    + "|coinbase does not serve 4h candles (it serves 1m, 5m, 15m, 1h, 1d)",
            "--exchange binance --symbol BTC/USDT --timeframe 1h --from 2024-02-01 --to 2024-01-01"
                    + "|--from 2024-02-01 is not before --to 2024-01-01",
            "--exchange binance --symbol BTC/USDT --timeframe 1h --from 2024-13-45"
                    + "|--from '2024-13-45' is not a date, an ISO-8601 date-time or epoch ms",
            "--exchange binance --symbol BTC/USDT --timeframe 1h --from +999999999-12-31T00:00:00Z"
                    + "|--from '+999999999-12-31T00:00:00Z' is out of range (1970-01-01 to 9999-12-31)",
            "--exchange binance --symbol BTC/USDT --timeframe 1h --to 10064366524800000"
                    + "|--to '10064366524800000' is out of range (1970-01-01 to 9999-12-31)",
            "archive --exchange binance --symbol BTC/USDT --timeframe 1h --before +999999999-12-31T00:00:00Z --to old.csv.gz"
                    + "|--before '+999999999-12-31T00:00:00Z' is out of range (1970-01-01 to 9999-12-31)",
            "archive --exchange binance --symbol BTC/USDT --timeframe 1h --before 10064366524800000 --to old.csv.gz"
                    + "|--before '10064366524800000' is out of range (1970-01-01 to 9999-12-31)",
            "--exchange binance --symbol FOO/BAR --timeframe 1h|binance does not list symbol 'FOO/BAR'",
            "--exchange file --symbol BTC/USD --timeframe 1h --file missing.csv|cannot read --file missing.csv",
            "--exchange binance --symbol BTC/USDT --timeframe 1h --as x|--as goes with --exchange file, not --exchange binance",
            "--exchange binance --symbol BTC/USDT|Missing required option: '--timeframe=TF'",
            "backtest|Unmatched argument at index 0: 'backtest'",
    })
    void shouldRefuseNamingTheValue(String args, String message) {
        String[] argv = args.startsWith("--") ? ("backfill " + args).split(" ") : args.split(" ");

        CliRun.Result r = cli.run(argv);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(r.out()).isEmpty();
        assertNothingWritten();
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "an SQLite file")
    void shouldRefuseADatabaseFolderThatCannotBeCreated() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        CliRun.Result r = new CliRun(dir).with("spring.datasource.url", "jdbc:sqlite:" + notAFolder.resolve("trading.db"))
                .run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot create database folder " + notAFolder);
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "an SQLite file")
    void shouldRefuseAFileThatIsNotADatabase() throws IOException {
        Path garbage = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database".repeat(200));

        CliRun.Result r = new CliRun(dir).with("spring.datasource.url", "jdbc:sqlite:" + garbage).run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot open database");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(Files.readString(garbage)).startsWith("these are my notes");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "an SQLite file")
    void shouldRefuseAnotherApplicationsDatabaseWithoutChangingIt() throws Exception {
        Path other = dir.resolve("shop.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other); var s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)");
            s.execute("INSERT INTO customers (name) VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(other);

        CliRun.Result r = new CliRun(dir).with("spring.datasource.url", "jdbc:sqlite:" + other).run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: cannot open database " + other.toAbsolutePath() + ": it is another "
                + "application's database (tables customers, orders; no trading-batch schema history); nothing was "
                + "changed: point spring.datasource.url at a new file\n");
        assertThat(Files.readAllBytes(other)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shop.db");
        }
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "an SQLite file")
    void shouldOpenItsOwnDatabaseAgain() {
        assertThat(cli.run("markets").exitCode()).isZero();
        CliRun.Result again = cli.run("markets");
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    private void assertNothingWritten() {
        if (cli.migrated()) {
            assertThat(cli.count("SELECT COUNT(*) FROM candles")).isZero();
            assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isZero();
        }
    }
}
