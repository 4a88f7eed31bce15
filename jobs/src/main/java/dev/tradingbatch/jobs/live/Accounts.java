package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.AccountProperties;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.orders.ApiCredentials;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The accounts declared under {@code trading.accounts}, checked when any command starts: a bad declaration
 * is bad input naming the key (exit code 2). A key, secret or passphrase written in the configuration itself is refused
 * without echoing it. The credentials are read only when an account is used ({@link #credentials}), so a
 * host without them (a backfiller) runs every other command.
 */
@Component
public class Accounts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String PREFIX = "trading.accounts.";

    private final Map<String, Account> byName = new TreeMap<>();
    private final EnvironmentVariables env;

    Accounts(TradingProperties properties, EnvironmentVariables env) {
        this.env = env;
        properties.accounts().forEach((name, p) -> byName.put(name, account(name, p)));
    }

    private static Account account(String name, AccountProperties p) {
        String key = PREFIX + name;
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException(key + ": an account name must be lower case letters, digits, - or _");
        }
        if (p.apiKey() != null) {
            throw literal(key, "api-key");
        }
        if (p.secret() != null) {
            throw literal(key, "secret");
        }
        if (p.passphrase() != null) {
            throw literal(key, "passphrase");
        }
        if (p.exchange() == null || p.exchange().isBlank()) {
            throw new BadInputException(key + ".exchange missing (one of " + String.join(", ", Exchanges.names()) + ")");
        }
        Exchange exchange = Exchanges.find(p.exchange().strip()).orElseThrow(() -> new BadInputException(
                key + ".exchange: unknown exchange '" + p.exchange().strip() + "' (known: "
                        + String.join(", ", Exchanges.names()) + ")"));
        if (!exchange.hasOrders()) {
            throw new BadInputException(key + ".exchange: live orders on " + exchange.name()
                    + " are not built yet (so far: " + String.join(", ", Exchanges.withOrders()) + ")");
        }
        // Coinbase Exchange keys come with a passphrase, sent with every request; Binance and Kraken keys have none
        boolean passphrased = exchange == Exchanges.COINBASE;
        boolean passphraseGiven = p.passphraseEnv() != null && !p.passphraseEnv().isBlank()
                || p.passphraseFile() != null && !p.passphraseFile().isBlank();
        if (!passphrased && passphraseGiven) {
            throw new BadInputException(key + ".passphrase-" + (p.passphraseEnv() != null ? "env" : "file")
                    + ": " + exchange.name() + " keys have no passphrase");
        }
        CredentialSource passphrase = passphrased ? source(key, "passphrase", p.passphraseEnv(), p.passphraseFile())
                : null;
        String baseUrl;
        try {
            baseUrl = p.baseUrl() == null || p.baseUrl().isBlank() ? exchange.defaults().baseUrl()
                    : exchange.defaults().withBaseUrl(p.baseUrl().strip()).baseUrl();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(key + "." + e.getMessage());
        }
        BigDecimal tolerance = p.mismatchTolerance() == null ? BigDecimal.ZERO : p.mismatchTolerance();
        if (tolerance.signum() < 0) {
            throw new BadInputException(key + ".mismatch-tolerance must not be negative, was "
                    + tolerance.toPlainString());
        }
        String onMismatch = p.onMismatch() == null ? "report" : p.onMismatch().strip().toLowerCase(Locale.ROOT);
        if (!onMismatch.equals("report") && !onMismatch.equals("halt")) {
            throw new BadInputException(key + ".on-mismatch: '" + p.onMismatch() + "' is neither report nor halt");
        }
        return new Account(name, exchange, baseUrl, source(key, "api-key", p.apiKeyEnv(), p.apiKeyFile()),
                source(key, "secret", p.secretEnv(), p.secretFile()), tolerance, onMismatch.equals("halt"),
                new RiskLimits.OfAccount(RiskLimits.positive(key + ".max-stake", p.maxStake()),
                        RiskLimits.positive(key + ".max-daily-loss", p.maxDailyLoss())), passphrase);
    }

    private static CredentialSource source(String key, String credential, String envName, String file) {
        boolean byEnv = envName != null && !envName.isBlank();
        boolean byFile = file != null && !file.isBlank();
        if (byEnv == byFile) {
            throw new BadInputException(key + "." + credential + (byEnv
                    ? "-env and " + credential + "-file are both given: give one"
                    : "-env or " + credential + "-file missing: the environment variable or the file that holds it"));
        }
        return byEnv ? new CredentialSource(key + "." + credential + "-env", false, envName.strip())
                : new CredentialSource(key + "." + credential + "-file", true, file.strip());
    }

    /** Says which key held a credential, never its value. */
    private static BadInputException literal(String key, String credential) {
        return new BadInputException(key + "." + credential + ": a credential is never taken from the configuration"
                + " (it would end up in backups and diffs); give " + credential + "-env (an environment variable) or "
                + credential + "-file (a file, e.g. a Docker secret)");
    }

    /** The account of that name (any case), if declared. */
    public Optional<Account> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The account of that name, or bad input naming the declared ones. */
    public Account get(String name) {
        return find(name).orElseThrow(() -> new BadInputException("unknown account '" + name + "' (" + declared() + ")"));
    }

    /** "declared: a, b" or "none declared under trading.accounts". */
    public String declared() {
        return byName.isEmpty() ? "none declared under trading.accounts" : "declared: " + String.join(", ", byName.keySet());
    }

    public List<Account> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The account's API key and secret (and passphrase, when its exchange has one), read now from their environment
     * variables or files; bad input naming the key and the variable or file (never a value) when one is missing.
     */
    public ApiCredentials credentials(Account account) {
        return new ApiCredentials(account.apiKey().read(env), account.secret().read(env),
                account.passphrase() == null ? null : account.passphrase().read(env));
    }
}
