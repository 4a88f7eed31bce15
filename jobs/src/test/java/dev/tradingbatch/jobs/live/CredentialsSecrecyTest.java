package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.config.AccountProperties;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the commands with known fake credentials (from environment variables and from files, as Docker secrets
 * give them) and searches everything a user or an attacker could read afterwards: each command's output and
 * errors, the log (at DEBUG for our code and Spring Batch), every value in every table (job parameters
 * included) and what the exchange received. The key may appear only in the header the exchange needs; the
 * secret nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsSecrecyTest {

    private static final String KEY = "FAKEKEYq7Vd1e0c5b9aZ";
    private static final String SECRET = "FAKESECRETw3f8a2b6c4eX";
    private static final String FILE_KEY = "FILEKEYp2Lm9Qz4";
    private static final String FILE_SECRET = "FILESECRETk8Rt5Ws1";

    @TempDir
    Path dir;

    private BinanceSpotStandIn binance;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn(KEY, SECRET).market("BTCUSDT", "BTC", "USDT", "40000")
                .balance("USDT", "1000").balance("BTC", "0.5");
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    private CliRun cli() throws IOException {
        Path key = Files.writeString(dir.resolve("binance_key"), FILE_KEY + "\n");
        Path secret = Files.writeString(dir.resolve("binance_secret"), FILE_SECRET + "\n");
        return new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name ->
                        Optional.ofNullable(Map.of("BINANCE_KEY", KEY, "BINANCE_SECRET", SECRET).get(name)))
                .with("logging.level.dev.tradingbatch", "DEBUG")
                .with("logging.level.org.springframework.batch", "DEBUG")
                .with("trading.accounts.main.exchange", "binance")
                .with("trading.accounts.main.base-url", binance.baseUrl())
                .with("trading.accounts.main.api-key-env", "BINANCE_KEY")
                .with("trading.accounts.main.secret-env", "BINANCE_SECRET")
                .with("trading.accounts.docker.exchange", "binance")
                .with("trading.accounts.docker.base-url", binance.baseUrl())
                .with("trading.accounts.docker.api-key-file", key.toString())
                .with("trading.accounts.docker.secret-file", secret.toString())
                .with("trading.strategies.btc-live.exchange", "binance")
                .with("trading.strategies.btc-live.symbol", "BTC/USDT")
                .with("trading.strategies.btc-live.timeframe", "1h")
                .with("trading.strategies.btc-live.type", "rsi")
                .with("trading.strategies.btc-live.stake", "100")
                .with("trading.strategies.btc-live.mode", "live")
                .with("trading.strategies.btc-live.account", "main");
    }

    private CliRun.Result run(CliRun cli, String... args) {
        CliRun.Result r = cli.run(args);
        printed.add(r.out());
        printed.add(r.err());
        return r;
    }

    @Test
    void shouldNeverShowTheCredentials(CapturedOutput log) throws IOException {
        CliRun cli = cli();
        BitstampSample.importInto(cli);

        run(cli, "--help");
        run(cli, "accounts", "--help");
        assertThat(run(cli, "accounts").exitCode()).isZero();
        CliRun.Result balances = run(cli, "accounts", "--balances", "main");
        assertThat(balances.out()).contains("USDT").contains("1000.00000000");
        // the file account signs with the file's secret, which the stand-in does not know: refused, and not echoed
        CliRun.Result refused = run(cli, "accounts", "--balances", "docker");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("failed: binance: asking for the account failed: HTTP 401 -2015 Invalid"
                + " API-key, IP, or permissions for action.\n");
        CliRun.Result positions = run(cli, "positions");
        assertThat(positions.exitCode()).as(positions.err()).isZero();
        assertThat(positions.out()).contains("btc-live").contains("account main");
        run(cli, "reconcile", "--help");
        CliRun.Result reconciled = run(cli, "reconcile", "--account", "main");
        assertThat(reconciled.exitCode()).as(reconciled.out() + reconciled.err()).isZero();
        assertThat(reconciled.out()).startsWith("reconcile main: ");
        // the file account's balances are refused: a failed run, its message recorded, no credential in it
        assertThat(run(cli, "reconcile", "--account", "docker").exitCode()).isEqualTo(1);
        assertThat(run(cli, "halt", "--strategy", "btc-live", "--close", "--reason", "secrecy").exitCode()).isZero();
        assertThat(run(cli, "orders").exitCode()).isZero();
        assertThat(run(cli, "resume", "--strategy", "btc-live").exitCode()).isZero();
        assertThat(run(cli.with("trading.accounts.main.secret-env", "BINANCE_KEY"), "accounts", "--balances", "main")
                .err()).contains("-1022 Signature for this request is not valid.");
        // a failing start: a key written in the configuration is refused by its key's name alone
        assertThat(run(cli().with("trading.accounts.main.api-key", KEY), "markets").exitCode()).isEqualTo(2);
        assertThat(run(cli().with("trading.accounts.main.secret", SECRET), "markets").exitCode()).isEqualTo(2);
        // a live evaluation starts (its candle is not stored: nothing to send); LiveEvaluateTest searches one that sends
        assertThat(run(cli(), "evaluate", "--strategy", "btc-live").exitCode()).isZero();

        List<String> secrets = List.of(KEY, SECRET, FILE_KEY, FILE_SECRET);
        assertThat(String.join("\n", printed)).as("command output").doesNotContain(secrets);
        assertThat(log.getAll()).as("log").contains("DEBUG").doesNotContain(secrets);
        assertThat(everyValueInTheDatabase(cli)).as("database").isNotEmpty()
                .contains("bitstamp").doesNotContain(secrets);
        assertThat(binance.requests()).allSatisfy(request -> assertThat(request.getUrl() + request.getBodyAsString())
                .doesNotContain(secrets));
        assertThat(binance.requests()).extracting(request -> request.getHeader("X-MBX-APIKEY"))
                .containsOnly(KEY, FILE_KEY);
    }

    @Test
    void shouldNotPrintALiteralKeyInTheSettingsText() {
        AccountProperties p = new AccountProperties("binance", null, null, null, null, null, KEY, SECRET, null, null,
                null, null, null, null, null);
        AccountProperties phrase = new AccountProperties("coinbase", null, null, null, null, null, null, null, null,
                null, null, null, null, null, "aL1teralPassphrase");

        assertThat(p.toString()).doesNotContain(KEY, SECRET).contains("literal key given (refused)");
        assertThat(phrase.toString()).doesNotContain("aL1teralPassphrase").contains("literal key given (refused)");
    }

    /** Every value of every table, as text (job parameters, execution contexts and all). */
    private static String everyValueInTheDatabase(CliRun cli) {
        Assumptions.assumeFalse(TestDatabases.postgresql(), "lists SQLite's tables");
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> table : cli.query("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            for (Map<String, Object> row : cli.query("SELECT * FROM \"" + table.get("name") + "\"")) {
                row.values().forEach(v -> all.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                        : String.valueOf(v)).append('\n'));
            }
        }
        return all.toString();
    }
}
