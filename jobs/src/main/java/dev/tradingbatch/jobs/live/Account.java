package dev.tradingbatch.jobs.live;

import dev.tradingbatch.readers.exchange.Exchange;

/**
 * One exchange account as declared and checked: its name, exchange, order API and where its credentials
 * come from (never the credentials themselves; {@link Accounts#credentials} reads them when they are used).
 *
 * @param baseUrl the exchange's REST API for orders: the registry's public host, a testnet or a local stand-in
 */
public record Account(String name, Exchange exchange, String baseUrl, CredentialSource apiKey,
                      CredentialSource secret) {
}
