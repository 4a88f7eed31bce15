package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kraken order client against Kraken itself, which {@link KrakenStandIn} imitates. Kraken has no spot sandbox, so
 * this reaches a real account: by default it only reads (balances, a client order id never sent answered as none, a
 * recent one-minute price, and, given an order of the account, its fills with Kraken's text trade ids as sent); it
 * trades only when told how much to spend. Runs only by hand, with a key in the environment (KRAKEN_KEY,
 * KRAKEN_SECRET; "Query Funds" and "Query Open Orders &amp; Trades" permissions, "Create &amp; Modify Orders" for the
 * trade); the build never runs {@code *LiveIT}:
 * {@code ./mvnw -B -pl readers -am verify -Dit.test=KrakenLiveIT -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false}.
 * <ul>
 *   <li>KRAKEN_ORDER_TXID (and KRAKEN_SYMBOL, default BTC/USD): an order of the account that filled, whose fills are
 *       read;</li>
 *   <li>KRAKEN_LIVEIT_SPEND: a quote amount (real money, e.g. 10 USD) a market buy spends, fee included, before its
 *       sell sells what it bought back.</li>
 * </ul>
 */
class KrakenLiveIT {

    static final String BASE_URL = System.getenv().getOrDefault("KRAKEN_URL", "https://api.kraken.com");
    static final String SYMBOL = System.getenv().getOrDefault("KRAKEN_SYMBOL", "BTC/USD");
    /** Kraken's trade ids: three groups of letters and digits, "TCCCTY-WE4VW-TMJ5IT". */
    static final String TRADE_ID = "[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{6}";

    KrakenSpotOrders orders;

    @BeforeEach
    void keys() {
        String key = System.getenv("KRAKEN_KEY");
        String secret = System.getenv("KRAKEN_SECRET");
        assumeTrue(key != null && secret != null, "no KRAKEN_KEY / KRAKEN_SECRET in the environment");
        orders = new KrakenSpotOrders(BASE_URL, new ApiCredentials(key, secret), Clock.systemUTC(),
                HttpTimeouts.DEFAULT);
    }

    @Test
    void shouldReadTheAccountWithoutTrading() {
        // Kraken's asset codes (XXBT, ZUSD) read as the usual names
        assertThat(orders.balances()).extracting(Balance::asset).doesNotContain("XXBT", "XBT", "ZUSD", "ZEUR");
        assertThat(orders.find(SYMBOL, "tb-liveit-never-sent-" + System.currentTimeMillis())).isEmpty();
        long minuteAgo = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();
        assertThat(orders.priceAt(SYMBOL, minuteAgo)).isPositive();
    }

    @Test
    void shouldReadAnOrdersFillsWithKrakensTradeIdsAsSent() {
        String txid = System.getenv("KRAKEN_ORDER_TXID");
        assumeTrue(txid != null, "no KRAKEN_ORDER_TXID in the environment");

        List<ExchangeFill> fills = orders.fills(SYMBOL, txid);

        assertThat(fills).isNotEmpty().extracting(ExchangeFill::orderId).containsOnly(txid);
        assertThat(fills).extracting(ExchangeFill::tradeId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches(TRADE_ID));
        assertThat(fills).extracting(ExchangeFill::time).isSorted();
    }

    @Test
    void shouldBuyAndSellWhatItBoughtWhenToldHowMuchToSpend() throws InterruptedException {
        String spend = System.getenv("KRAKEN_LIVEIT_SPEND");
        assumeTrue(spend != null, "no KRAKEN_LIVEIT_SPEND in the environment: nothing is traded");
        String buyId = "tb-liveit-" + System.currentTimeMillis();

        SendOutcome bought = orders.send(MarketOrder.buyFor(SYMBOL, new BigDecimal(spend), buyId));

        assertThat(bought).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder buy = settled(buyId);
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
        List<ExchangeFill> fills = orders.fills(SYMBOL, buy.orderId());
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(buy.executedQuantity());
        assertThat(fills).extracting(ExchangeFill::tradeId).allSatisfy(id -> assertThat(id).matches(TRADE_ID));

        // the fee was charged in the quote currency (fciq): all that was bought is sold
        assertThat(orders.send(MarketOrder.sell(SYMBOL, buy.executedQuantity(), buyId + "-s")))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(settled(buyId + "-s").executedQuantity()).isEqualByComparingTo(buy.executedQuantity());
    }

    /**
     * The order once Kraken reports it final, asked for up to 20 times half a second apart: a market order may be
     * {@code pending} or {@code open} for a moment after it is taken (this test waits on the exchange's clock).
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
