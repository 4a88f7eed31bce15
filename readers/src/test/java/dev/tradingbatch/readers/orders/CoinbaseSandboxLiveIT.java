package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Coinbase order client against Coinbase Exchange's public sandbox
 * (https://api-public.sandbox.exchange.coinbase.com, fake funds, a subset of the real order books), which
 * {@link CoinbaseStandIn} imitates: a small market buy for a quote amount and the sell of what it bought, each asked
 * for by its client order id, their fills adding up to what they executed and their trade ids Coinbase's numbers as
 * sent. Runs only by hand, with a sandbox key in the
 * environment (COINBASE_SANDBOX_KEY, COINBASE_SANDBOX_SECRET, COINBASE_SANDBOX_PASSPHRASE); the build never runs
 * {@code *LiveIT}:
 * {@code ./mvnw -B -pl readers -am verify -Dit.test=CoinbaseSandboxLiveIT -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CoinbaseSandboxLiveIT {

    static final String BASE_URL = System.getenv().getOrDefault("COINBASE_SANDBOX_URL",
            "https://api-public.sandbox.exchange.coinbase.com");
    static final String SYMBOL = System.getenv().getOrDefault("COINBASE_SANDBOX_SYMBOL", "BTC/USD");
    /** What the buy spends, fee included, in the quote currency. */
    static final BigDecimal SPEND = new BigDecimal("10");

    CoinbaseSpotOrders orders;

    @BeforeEach
    void keys() {
        String key = System.getenv("COINBASE_SANDBOX_KEY");
        String secret = System.getenv("COINBASE_SANDBOX_SECRET");
        String passphrase = System.getenv("COINBASE_SANDBOX_PASSPHRASE");
        assumeTrue(key != null && secret != null && passphrase != null,
                "no COINBASE_SANDBOX_KEY / COINBASE_SANDBOX_SECRET / COINBASE_SANDBOX_PASSPHRASE in the environment");
        orders = new CoinbaseSpotOrders(BASE_URL, new ApiCredentials(key, secret, passphrase), Clock.systemUTC(),
                HttpTimeouts.DEFAULT);
    }

    @Test
    void shouldBuyAndSellOnTheSandboxAndReadTheFillsWithTheirTradeIdsAsSent() throws InterruptedException {
        String quote = SYMBOL.substring(SYMBOL.indexOf('/') + 1);
        assertThat(orders.balances()).extracting(Balance::asset).contains(quote);
        String buyId = "tb-liveit-" + System.currentTimeMillis();
        assertThat(orders.find(SYMBOL, buyId)).as("never sent: Coinbase's 404").isEmpty();

        assertThat(orders.send(MarketOrder.buyFor(SYMBOL, SPEND, buyId))).isInstanceOf(SendOutcome.Accepted.class);

        ExchangeOrder buy = settled(buyId);
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.executedQuantity()).as("the sandbox's book filled something").isPositive();
        List<ExchangeFill> fills = orders.fills(SYMBOL, buy.orderId());
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(buy.executedQuantity());
        assertThat(fills).extracting(ExchangeFill::tradeId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).as("Coinbase's trade_id, a number's digits").matches("[1-9][0-9]*"));
        assertThat(fills).extracting(ExchangeFill::orderId).containsOnly(buy.orderId());

        // Coinbase charges its fee in the quote currency: what was bought can be sold in full
        assertThat(orders.send(MarketOrder.sell(SYMBOL, buy.executedQuantity(), buyId + "-s")))
                .isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder sell = settled(buyId + "-s");
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(orders.fills(SYMBOL, sell.orderId()).stream().map(ExchangeFill::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(sell.executedQuantity());
    }

    /**
     * The order once Coinbase reports it final, asked for up to 20 times half a second apart: a market order is
     * {@code pending} for a moment after it is taken (the only test here that waits on the real clock: the exchange's).
     */
    private ExchangeOrder settled(String clientOrderId) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            ExchangeOrder o = orders.find(SYMBOL, clientOrderId).orElseThrow();
            if (o.status().isFinal()) {
                return o;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the order " + clientOrderId + " is not final after 10 s");
    }
}
