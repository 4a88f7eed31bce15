package dev.tradingbatch.jobs.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * One exchange account, declared under {@code trading.accounts.<name>} (see docs/live.md). Its API key and
 * secret are never written here: each comes from an environment variable ({@code -env}) or a file
 * ({@code -file}, e.g. a Docker secret under {@code /run/secrets}). {@code api-key} and {@code secret} are
 * declared only so that a key written in the configuration is refused by name, never echoed
 * ({@link dev.tradingbatch.jobs.live.Accounts}).
 *
 * @param exchange   the exchange the account is on, from the exchange registry (binance, coinbase, kraken)
 * @param apiKeyEnv  the environment variable holding the API key
 * @param apiKeyFile instead: the file holding it (surrounding white space is ignored)
 * @param secretEnv  the environment variable holding the API secret
 * @param secretFile instead: the file holding it
 * @param baseUrl    the exchange's REST API for orders; its public host when unset (Binance's spot testnet:
 *                   https://testnet.binance.vision)
 * @param apiKey     refused: a key in the configuration would end up in backups, images and diffs
 * @param secret     refused, as {@code apiKey}
 * @param passphraseEnv  the environment variable holding the passphrase chosen with the API key: required on
 *                       Coinbase Exchange, refused on an exchange whose keys have none (Binance)
 * @param passphraseFile instead: the file holding it
 * @param passphrase     refused, as {@code apiKey}
 * @param mismatchTolerance how far below the sum of its strategies' ledgers an asset's balance may be before
 *                          {@code reconcile} reports a shortfall (default 0: any)
 * @param onMismatch {@code report} (the default) or {@code halt}: a shortfall also halts the account's live
 *                   strategies
 * @param maxStake     the most quote currency the account's live strategies may have in open positions and buys not
 *                     settled yet: a buy beyond it is not sent (docs/live.md, "Risk limits"); none when not given
 * @param maxDailyLoss the most the account's live strategies may lose together in a UTC day (realised, after fees):
 *                     reached, they halt; none when not given
 */
public record AccountProperties(String exchange, String apiKeyEnv, String apiKeyFile, String secretEnv,
                                String secretFile, String baseUrl, String apiKey, String secret,
                                @DefaultValue("0") BigDecimal mismatchTolerance,
                                @DefaultValue("report") String onMismatch, BigDecimal maxStake,
                                BigDecimal maxDailyLoss, String passphraseEnv, String passphraseFile,
                                String passphrase) {

    /** Names where the credentials come from, never a key: a record's own toString would print them. */
    @Override
    public String toString() {
        return "AccountProperties[exchange=" + exchange + ", api-key-env=" + apiKeyEnv + ", api-key-file="
                + apiKeyFile + ", secret-env=" + secretEnv + ", secret-file=" + secretFile + ", passphrase-env="
                + passphraseEnv + ", passphrase-file=" + passphraseFile + ", base-url=" + baseUrl
                + ", mismatch-tolerance=" + mismatchTolerance + ", on-mismatch=" + onMismatch
                + ", max-stake=" + maxStake + ", max-daily-loss=" + maxDailyLoss
                + (apiKey == null && secret == null && passphrase == null ? "" : ", literal key given (refused)") + "]";
    }
}
