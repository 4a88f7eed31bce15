package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.CoinbaseStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts ({@code trading.accounts}) and live strategies ({@code mode: live}) are checked when any command
 * starts: a bad declaration is one line naming the key, exit code 2, nothing written, and a key written in the
 * configuration is refused without being echoed.
 */
class AccountsConfigTest {

    private static final String LITERAL = "lit3ralKeyN0tToBeEch0ed";
    private static final String CB_SECRET = "Y2JTZWNyZXQ=";

    @TempDir
    Path dir;

    private CliRun cli() {
        return new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name ->
                        Optional.ofNullable(Map.of("MAIN_KEY", "k", "MAIN_SECRET", "s", "CB_KEY", "cbk",
                                "CB_SECRET", CB_SECRET, "CB_PASSPHRASE", "cbp", "CB_BAD_SECRET", "n0t-base64!").get(name)))
                .with("trading.accounts.main.exchange", "binance")
                .with("trading.accounts.main.api-key-env", "MAIN_KEY")
                .with("trading.accounts.main.secret-env", "MAIN_SECRET")
                .with("trading.strategies.btc-live.exchange", "binance")
                .with("trading.strategies.btc-live.symbol", "BTC/USDT")
                .with("trading.strategies.btc-live.timeframe", "1h")
                .with("trading.strategies.btc-live.type", "rsi")
                .with("trading.strategies.btc-live.stake", "100")
                .with("trading.strategies.btc-live.mode", "live")
                .with("trading.strategies.btc-live.account", "main");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            accounts.main.exchange         | bitstamp    | trading.accounts.main.exchange: unknown exchange 'bitstamp' (known: binance, coinbase, kraken)
            accounts.main.exchange         |             | trading.accounts.main.exchange missing (one of binance, coinbase, kraken)
            accounts.main.api-key-env      |             | trading.accounts.main.api-key-env or api-key-file missing: the environment variable or the file that holds it
            accounts.main.secret-file      | /run/s      | trading.accounts.main.secret-env and secret-file are both given: give one
            accounts.main.passphrase-env   | PHRASE      | trading.accounts.main.passphrase-env: binance keys have no passphrase
            accounts.main.base-url         | ftp://x     | trading.accounts.main.base-url must be an http or https URL, was 'ftp://x'
            accounts.Main_1.exchange       | binance     | trading.accounts.Main_1: an account name must be lower case letters, digits, - or _
            strategies.btc-live.mode       | real        | strategy 'btc-live': mode must be paper or live, got 'real'
            strategies.btc-live.account    |             | strategy 'btc-live': account missing: a live strategy names one of trading.accounts (declared: main)
            strategies.btc-live.account    | spare       | strategy 'btc-live': account unknown account 'spare' (declared: main)
            strategies.btc-live.exchange   | coinbase    | strategy 'btc-live': account 'main' is on binance, the strategy trades on coinbase
            """)
    void shouldRefuseABadDeclarationAtStart(String key, String value, String message) {
        CliRun cli = cli().with("trading." + key, value == null ? "" : value);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"api-key", "secret", "passphrase"})
    void shouldRefuseAKeyWrittenInTheConfigurationWithoutEchoingIt(String credential) {
        CliRun cli = cli().with("trading.accounts.main." + credential, LITERAL);

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.main." + credential + ": a credential is never taken"
                + " from the configuration (it would end up in backups and diffs); give " + credential
                + "-env (an environment variable) or " + credential + "-file (a file, e.g. a Docker secret)\n");
        assertThat(r.out() + r.err()).doesNotContain(LITERAL);
    }

    @Test
    void shouldListTheAccountsWithWhereTheirCredentialsComeFrom() {
        CliRun cli = cli().with("trading.accounts.test.exchange", "binance")
                .with("trading.accounts.test.base-url", "https://testnet.binance.vision")
                .with("trading.accounts.test.api-key-file", "/run/secrets/binance_key")
                .with("trading.accounts.test.secret-file", "/run/secrets/binance_secret");

        CliRun.Result r = cli.run("accounts");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                ACCOUNT          EXCHANGE  BASE URL                           CREDENTIALS FROM
                main             binance   https://api.binance.com            environment variable MAIN_KEY, environment variable MAIN_SECRET
                test             binance   https://testnet.binance.vision     file /run/secrets/binance_key, file /run/secrets/binance_secret
                """);
    }

    @Test
    void shouldRequireAPassphraseForACoinbaseAccount() {
        CliRun cli = cli().with("trading.accounts.cb.exchange", "coinbase")
                .with("trading.accounts.cb.api-key-env", "CB_KEY").with("trading.accounts.cb.secret-env", "CB_SECRET");

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.cb.passphrase-env or passphrase-file missing: the"
                + " environment variable or the file that holds it\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldRefuseACoinbaseSecretThatIsNotBase64InOneLineWithoutEchoingIt() {
        CliRun cli = cli().with("trading.accounts.cb.exchange", "coinbase")
                .with("trading.accounts.cb.api-key-env", "CB_KEY").with("trading.accounts.cb.secret-env", "CB_BAD_SECRET")
                .with("trading.accounts.cb.passphrase-env", "CB_PASSPHRASE");

        CliRun.Result r = cli.run("accounts", "--balances", "cb");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.cb: coinbase: the API secret is not base64 (Coinbase"
                + " gives it so)\n");
        assertThat(r.out() + r.err()).doesNotContain("n0t-base64!");
    }

    @Test
    void shouldRefuseAPassphraseOnAKrakenAccount() {
        CliRun cli = cli().with("trading.accounts.kr.exchange", "kraken")
                .with("trading.accounts.kr.api-key-env", "CB_KEY").with("trading.accounts.kr.secret-env", "CB_SECRET")
                .with("trading.accounts.kr.passphrase-env", "CB_PASSPHRASE");

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.kr.passphrase-env: kraken keys have no passphrase\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldRefuseAKrakenSecretThatIsNotBase64InOneLineWithoutEchoingIt() {
        CliRun cli = cli().with("trading.accounts.kr.exchange", "kraken")
                .with("trading.accounts.kr.api-key-env", "CB_KEY").with("trading.accounts.kr.secret-env", "CB_BAD_SECRET");

        CliRun.Result r = cli.run("accounts", "--balances", "kr");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.kr: kraken: the API secret is not base64 (Kraken"
                + " gives it so)\n");
        assertThat(r.out() + r.err()).doesNotContain("n0t-base64!");
    }

    @Test
    void shouldListAndAskACoinbaseAccountWithItsPassphrase() {
        try (CoinbaseStandIn coinbase = new CoinbaseStandIn("cbk", CB_SECRET, "cbp").balance("USD", "2500.5")
                .balance("BTC", "0.25")) {
            CliRun cli = cli().with("trading.accounts.cb.exchange", "coinbase")
                    .with("trading.accounts.cb.base-url", coinbase.baseUrl())
                    .with("trading.accounts.cb.api-key-env", "CB_KEY").with("trading.accounts.cb.secret-env", "CB_SECRET")
                    .with("trading.accounts.cb.passphrase-env", "CB_PASSPHRASE");

            CliRun.Result list = cli.run("accounts");
            CliRun.Result balances = cli.run("accounts", "--balances", "cb");

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("cb               coinbase  " + coinbase.baseUrl())
                    .contains("environment variable CB_KEY, environment variable CB_SECRET, environment variable"
                            + " CB_PASSPHRASE");
            assertThat(balances.exitCode()).as(balances.err()).isZero();
            assertThat(balances.out()).isEqualTo("""
                    ASSET                        FREE                   LOCKED
                    BTC            0.2500000000000000       0.0000000000000000
                    USD         2500.5000000000000000       0.0000000000000000
                    """);
            assertThat(list.out() + list.err() + balances.out() + balances.err()).doesNotContain(CB_SECRET, "cbp\n");
        }
    }

    @Test
    void shouldEvaluateALiveStrategyWithoutSendingAnythingWhileItsCandleIsNotStored() {
        CliRun cli = cli();

        CliRun.Result r = cli.run("evaluate", "--strategy", "btc-live");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("is not stored yet");
        assertThat(cli.count("SELECT COUNT(*) FROM live_orders")).isZero();
    }

    @Test
    void shouldPrintTheBalancesTheExchangeAnswersForASignedRequest() {
        try (BinanceSpotStandIn binance = new BinanceSpotStandIn("k", "s").balance("USDT", "10000")
                .balance("BTC", "1").balance("ETH", "0")) {
            CliRun.Result r = cli().with("trading.accounts.main.base-url", binance.baseUrl())
                    .run("accounts", "--balances", "main");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("""
                    ASSET                        FREE                   LOCKED
                    BTC                    1.00000000               0.00000000
                    USDT               10000.00000000               0.00000000
                    """);
        }
    }

    @Test
    void shouldNameTheMissingVariableNotAValueWhenAnAccountIsUsed() {
        CliRun cli = cli().with("trading.accounts.main.secret-env", "UNSET_SECRET");

        CliRun.Result r = cli.run("accounts", "--balances", "main");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.accounts.main.secret-env: environment variable UNSET_SECRET"
                + " is not set\n");
    }

    @Test
    void shouldKeepAPaperStrategyWithAnAccountOnPaper() {
        CliRun cli = cli().with("trading.strategies.btc-live.mode", "paper");

        CliRun.Result r = cli.run("evaluate", "--strategy", "btc-live");

        assertThat(r.err()).doesNotContain("live");
    }
}
