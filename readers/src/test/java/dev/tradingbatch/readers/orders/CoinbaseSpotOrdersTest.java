package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.CoinbaseStandIn.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Coinbase Exchange order client against {@link CoinbaseStandIn}, which checks key, passphrase, signature and
 * timestamp as Coinbase does and keeps an account's orders, fills and balances: the same contract as the Binance
 * client's ({@link BinanceSpotOrdersTest}), with Coinbase's differences: UUID order ids, a client_oid derived from
 * ours, fees in the quote currency, fills paged by cursor.
 */
class CoinbaseSpotOrdersTest {

    private static final String KEY = "fakeCoinbaseKey0123456789";
    private static final String SECRET = Base64.getEncoder().encodeToString("fakeCoinbaseSecret9876543210".getBytes());
    private static final String PASSPHRASE = "fakePassphrase42";
    private static final HttpTimeouts FAST = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoinbaseStandIn coinbase;

    @BeforeEach
    void start() {
        coinbase = new CoinbaseStandIn(KEY, SECRET, PASSPHRASE).product("BTC-USD", "40000.00")
                .balance("USD", "1000").balance("BTC", "0.01").timeoutDelay(5000);
        // the first request of a JVM to a fresh server is slow (class loading): not the timeout under test
        new CoinbaseSpotOrders(coinbase.baseUrl(), new ApiCredentials(KEY, SECRET, PASSPHRASE), Clock.systemUTC(),
                HttpTimeouts.DEFAULT).balances();
    }

    @AfterEach
    void stop() {
        coinbase.close();
    }

    private SpotOrders client(String key, String secret, String passphrase, Clock clock) {
        return new CoinbaseSpotOrders(coinbase.baseUrl(), new ApiCredentials(key, secret, passphrase), clock, FAST);
    }

    private SpotOrders client() {
        return client(KEY, SECRET, PASSPHRASE, Clock.systemUTC());
    }

    @Test
    void shouldSignTimestampMethodPathWithQueryAndBodyWithTheDecodedSecret() {
        // reference values computed apart from this code (Python's hmac over the same prehash strings)
        String secret = "YW4gZXhhbXBsZSBzZWNyZXQgb2YgdGhpcnR5LXR3byBi";
        assertThat(CoinbaseSigner.sign(secret, "1700000000", "POST", "/orders",
                "{\"type\":\"market\",\"side\":\"buy\",\"product_id\":\"BTC-USD\",\"funds\":\"100\"}"))
                .isEqualTo("EebdNzaI+T6plvsJQC3VktgRhqYDBsJ67/5H+zqOl8o=");
        assertThat(CoinbaseSigner.sign(secret, "1700000000", "GET",
                "/fills?order_id=a9625b04-fc66-4999-a876-543c3684d702&product_id=BTC-USD&limit=100", ""))
                .isEqualTo("STYgkYL7xgTPkfICRfvvWv8+aYU2BxS2ybRBpIl4vbU=");
    }

    @Test
    void shouldBuyForFundsWithTheFeeInTheQuoteCurrencyAndReadTheExactDecimals() {
        SendOutcome outcome = client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("100"), "btc-live-1-buy"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder order = ((SendOutcome.Accepted) outcome).order();
        assertThat(order.symbol()).isEqualTo("BTC/USD");
        assertThat(order.clientOrderId()).isEqualTo("btc-live-1-buy");
        assertThat(order.orderId()).isEqualTo(coinbase.orders().getFirst().id()).hasSize(36);
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        // 100 USD, fee included: 100 / (40000 * 1.006) = 0.00248508... BTC
        assertThat(order.executedQuantity()).hasToString("0.00248508");
        assertThat(order.executedQuote()).hasToString("99.4032000000000000");
        // 99.4032 spent and 0.6 % of it, 0.5964192, in fees
        assertThat(coinbase.balance("USD")).isEqualByComparingTo("900.0003808");
        assertThat(coinbase.balance("BTC")).isEqualByComparingTo("0.01248508");
    }

    @Test
    void shouldSellASizeAndSendTheSignedHeadersAndADerivedClientOid() throws Exception {
        SendOutcome outcome = client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.001"), "btc-live-2-sell"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Accepted) outcome).order().executedQuote()).isEqualByComparingTo("40");
        assertThat(coinbase.balance("USD")).isEqualByComparingTo("1039.76");   // 40 less 0.24 in fees
        var request = coinbase.requests().getFirst(); // newest first
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/orders");
        assertThat(request.getHeader("CB-ACCESS-KEY")).isEqualTo(KEY);
        assertThat(request.getHeader("CB-ACCESS-PASSPHRASE")).isEqualTo(PASSPHRASE);
        assertThat(request.getHeader("CB-ACCESS-TIMESTAMP")).matches("\\d{10}");
        assertThat(request.getHeader("CB-ACCESS-SIGN")).matches("[A-Za-z0-9+/]{43}=");
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.get("type").asText()).isEqualTo("market");
        assertThat(body.get("side").asText()).isEqualTo("sell");
        assertThat(body.get("product_id").asText()).isEqualTo("BTC-USD");
        assertThat(body.get("size").asText()).isEqualTo("0.001");
        assertThat(body.has("funds")).isFalse();
        assertThat(body.get("client_oid").asText()).isEqualTo(CoinbaseSpotOrders.clientOid("btc-live-2-sell"))
                .isEqualTo(coinbase.orders().getFirst().clientOid()).hasSize(36)
                .isNotEqualTo(CoinbaseSpotOrders.clientOid("btc-live-2-buy"));
        assertThat(request.getUrl() + request.getBodyAsString() + request.getHeaders()).doesNotContain(SECRET);
    }

    @Test
    void shouldTellARefusalFromAnUnknownOutcome() {
        String otherSecret = Base64.getEncoder().encodeToString("notTheSecret".getBytes());
        assertThat(client(KEY, otherSecret, PASSPHRASE, Clock.systemUTC())
                .send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-1")))
                .isEqualTo(new SendOutcome.Rejected(401, "invalid signature", false));
        assertThat(client(KEY, SECRET, "notThePassphrase", Clock.systemUTC())
                .send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-2")))
                .isEqualTo(new SendOutcome.Rejected(401, "invalid passphrase", false));
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("5000"), "a-3")))
                .isEqualTo(new SendOutcome.Rejected(400, "Insufficient funds", false));
        assertThat(client().send(MarketOrder.sell("BTC/USD", new BigDecimal("1"), "a-3b")))
                .isEqualTo(new SendOutcome.Rejected(400, "Insufficient funds", false));
        Clock late = Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        assertThat(client(KEY, SECRET, PASSPHRASE, late).send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-4")))
                .isEqualTo(new SendOutcome.Rejected(400, "request timestamp expired", true));
        coinbase.failNextOrder(Fault.RATE_LIMITED).failNextOrder(Fault.UNAVAILABLE);
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-5")))
                .isEqualTo(new SendOutcome.Rejected(429, "Private rate limit exceeded", true));
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-6")))
                .isEqualTo(new SendOutcome.Unknown("HTTP 503"));
        assertThat(coinbase.orders()).isEmpty();
        assertThat(coinbase.balance("USD")).isEqualByComparingTo("1000");
    }

    @Test
    void shouldFindAnOrderByClientIdAfterATimeoutAndSayWhenThereIsNone() {
        coinbase.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT);

        SendOutcome outcome = client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("100"), "btc-live-3-buy"));

        assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
        assertThat(((SendOutcome.Unknown) outcome).reason()).startsWith("no answer to the order");
        assertThat(client().find("BTC/USD", "btc-live-3-buy")).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED))
                .satisfies(o -> assertThat(o.orderId()).isEqualTo(coinbase.orders().getFirst().id()))
                .satisfies(o -> assertThat(o.clientOrderId()).isEqualTo("btc-live-3-buy"))
                .satisfies(o -> assertThat(o.origQuantity()).hasToString("0.00248508"))
                .satisfies(o -> assertThat(o.executedQuantity()).hasToString("0.00248508"));
        assertThat(client().find("BTC/USD", "never-sent")).isEmpty();
        assertThat(coinbase.orders()).hasSize(1);
    }

    @Test
    void shouldReadEveryFillOfAnOrderOverSeveralPagesOldestFirst() {
        // the other order's trades are 99999993 to 99999997; this one's go from 8 digits to 9
        coinbase.fillsPerOrder(5).fillsPageSize(2).firstTradeId(99_999_993);
        client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.005"), "other-sell"));
        ExchangeOrder order = ((SendOutcome.Accepted) client().send(
                MarketOrder.sell("BTC/USD", new BigDecimal("0.0025"), "btc-live-4-sell"))).order();

        List<ExchangeFill> fills = client().fills("BTC/USD", order.orderId());

        assertThat(fills).hasSize(5);
        assertThat(fills).extracting(ExchangeFill::tradeId).as("as sent, in the order of their numbers")
                .containsExactly("99999998", "99999999", "100000000", "100000001", "100000002");
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.orderId()).isEqualTo(order.orderId());
            assertThat(f.commissionAsset()).isEqualTo("USD");
            assertThat(f.quoteQuantity()).isEqualByComparingTo(f.price().multiply(f.quantity()));
            assertThat(f.commission()).isEqualByComparingTo(f.quoteQuantity().multiply(new BigDecimal("0.006")));
        });
        assertThat(fills.getFirst().quantity()).hasToString("0.00050000");
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(order.executedQuantity());
        assertThat(coinbase.requests().stream().filter(r -> r.getUrl().startsWith("/fills")))
                .hasSize(3).anyMatch(r -> r.getUrl().contains("&after="));
    }

    @Test
    void shouldReadAnOrderThatFilledOnlyPartAsCanceledWithWhatItExecuted() {
        coinbase.liquidity("BTC-USD", "0.002");

        ExchangeOrder order = ((SendOutcome.Accepted) client().send(
                MarketOrder.sell("BTC/USD", new BigDecimal("0.005"), "btc-live-5-sell"))).order();

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(order.status().isFinal()).isTrue();
        assertThat(order.origQuantity()).hasToString("0.00500000");
        assertThat(order.executedQuantity()).hasToString("0.00200000");
        assertThat(client().fills("BTC/USD", order.orderId())).extracting(ExchangeFill::quantity)
                .containsExactly(new BigDecimal("0.00200000"));
        assertThat(coinbase.balance("BTC")).isEqualByComparingTo("0.008");
    }

    @Test
    void shouldReadAPendingAnswerAsNewAndTheOrderAskedForAgainAsFilled() {
        coinbase.answersPending(true);

        ExchangeOrder sent = ((SendOutcome.Accepted) client().send(
                MarketOrder.buyFor("BTC/USD", new BigDecimal("100"), "btc-live-6-buy"))).order();

        assertThat(sent.status()).isEqualTo(OrderStatus.NEW);
        assertThat(sent.status().isFinal()).isFalse();
        assertThat(sent.executedQuantity()).isZero();
        assertThat(client().find("BTC/USD", "btc-live-6-buy")).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED))
                .satisfies(o -> assertThat(o.orderId()).isEqualTo(sent.orderId()))
                .satisfies(o -> assertThat(o.executedQuantity()).hasToString("0.00248508"));
    }

    @Test
    void shouldReadTheBalancesWithWhatIsOnHold() {
        client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.01"), "sell-all"));

        assertThat(client().balances()).containsExactly(
                new Balance("USD", new BigDecimal("1397.6000000000000000"), new BigDecimal("0E-16")));
    }

    @Test
    void shouldReadThePriceOfAMinuteFromItsCandle() {
        long time = Instant.parse("2026-01-05T10:15:42Z").toEpochMilli();

        assertThat(client().priceAt("BTC/USD", time)).isEqualByComparingTo("40000.00");
        assertThat(coinbase.requests().getFirst().getUrl())
                .isEqualTo("/products/BTC-USD/candles?granularity=60&start=2026-01-05T10:15:00Z&end=2026-01-05T10:15:00Z");
    }

    @Test
    void shouldNeverPutCredentialsInAnExceptionMessage() {
        assertThatThrownBy(() -> client("notTheKey", SECRET, PASSPHRASE, Clock.systemUTC()).balances())
                .isInstanceOf(OrderApiException.class)
                .hasMessage("coinbase: asking for the accounts failed: HTTP 401 invalid api key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET, PASSPHRASE));
        assertThatThrownBy(() -> client(KEY, SECRET, "notThePassphrase", Clock.systemUTC())
                .fills("BTC/USD", "a9625b04-fc66-4999-a876-543c3684d702"))
                .isInstanceOf(OrderApiException.class)
                .hasMessage("coinbase: asking for the fills of order a9625b04-fc66-4999-a876-543c3684d702 failed:"
                        + " HTTP 401 invalid passphrase");
        assertThatThrownBy(() -> client(KEY, "not base64 " + PASSPHRASE, PASSPHRASE, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coinbase: the API secret is not base64 (Coinbase gives it so)");
        assertThatThrownBy(() -> client(KEY, SECRET, null, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coinbase: an account needs the passphrase given with its API key");
        assertThat(new ApiCredentials(KEY, SECRET, PASSPHRASE)).hasToString("ApiCredentials[hidden]");
    }
}
