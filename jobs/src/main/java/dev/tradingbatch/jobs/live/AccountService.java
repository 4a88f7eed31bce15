package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.Balance;
import dev.tradingbatch.readers.orders.SpotOrders;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Talks to the declared accounts: builds an account's order client with its credentials, read when it is
 * built, once per account and process (its HTTP client keeps its connections open for the next order: a live
 * evaluation does not pay for a new client, a file read and a TLS handshake before each send). Signed requests
 * carry the wall clock's time whatever {@code trading.now} says: the exchange checks it against its own within
 * {@code recvWindow}.
 */
@Service
public class AccountService {

    private final Accounts accounts;
    private final TradingProperties properties;
    private final Clock wallClock = Clock.systemUTC();
    /** The clients built, by account name and base URL; a client that could not be built is not kept. */
    private final Map<String, SpotOrders> clients = new ConcurrentHashMap<>();

    AccountService(Accounts accounts, TradingProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /**
     * The account's order client, at its base URL, with the timeouts of {@code trading.exchanges.<exchange>}; bad
     * input naming the account when the client refuses its credentials (a Coinbase secret that is not base64: the
     * client's message names no value).
     */
    public SpotOrders orders(Account account) {
        return clients.computeIfAbsent(account.name() + " " + account.baseUrl(), key -> {
            ApiCredentials credentials = accounts.credentials(account);
            try {
                return account.exchange().orderClient(account.baseUrl(), credentials, wallClock,
                        properties.settings(account.exchange()).timeouts());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("trading.accounts." + account.name() + ": " + e.getMessage());
            }
        });
    }

    /** What the account holds, as the exchange answers now. */
    public List<Balance> balances(String name) {
        return orders(accounts.get(name)).balances();
    }
}
