package dev.tradingbatch.jobs.live;

import dev.tradingbatch.readers.exchange.Exchange;

import java.math.BigDecimal;

/**
 * One exchange account as declared and checked: its name, exchange, order API and where its credentials
 * come from (never the credentials themselves; {@link Accounts#credentials} reads them when they are used).
 *
 * @param baseUrl           the exchange's REST API for orders: the registry's public host, a testnet or a local stand-in
 * @param passphrase        where the passphrase chosen with the API key comes from (Coinbase Exchange); null on an
 *                          exchange whose keys have none
 * @param mismatchTolerance how far below its ledgers' sum an asset's balance may be before reconcile reports it
 * @param haltOnMismatch    whether a shortfall halts the account's live strategies ({@code on-mismatch: halt})
 * @param limits            its risk limits ({@code max-stake}, {@code max-daily-loss})
 */
public record Account(String name, Exchange exchange, String baseUrl, CredentialSource apiKey,
                      CredentialSource secret, BigDecimal mismatchTolerance, boolean haltOnMismatch,
                      RiskLimits.OfAccount limits, CredentialSource passphrase) {

    /** Where its credentials come from, never what they are: "environment variable K, file /run/secrets/s". */
    public String credentialsFrom() {
        return apiKey.describe() + ", " + secret.describe() + (passphrase == null ? "" : ", " + passphrase.describe());
    }
}
