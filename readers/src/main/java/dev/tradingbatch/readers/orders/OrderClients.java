package dev.tradingbatch.readers.orders;

import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.exchange.HttpTimeouts;

import java.time.Clock;
import java.util.List;

/** The exchanges live orders are built for so far, and their clients: Binance spot first (docs/live.md). */
public final class OrderClients {

    private OrderClients() {
    }

    public static boolean supports(Exchange exchange) {
        return exchange.equals(Exchanges.BINANCE);
    }

    /** Their names, for messages. */
    public static List<String> exchanges() {
        return List.of(Exchanges.BINANCE.name());
    }

    /** The exchange's order client at {@code baseUrl}; IllegalArgumentException for an exchange not supported. */
    public static SpotOrders create(Exchange exchange, String baseUrl, ApiCredentials credentials, Clock clock,
                                    HttpTimeouts timeouts) {
        if (!supports(exchange)) {
            throw new IllegalArgumentException("live orders on " + exchange.name() + " are not built yet");
        }
        return new BinanceSpotOrders(baseUrl, credentials, clock, timeouts);
    }
}
