package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Binance spot order client against {@link BinanceSpotStandIn}, which checks signatures, timestamps and
 * keys as Binance does and keeps an account's orders, trades and balances: every answer the client must tell
 * apart, above all "taken", "refused" and "unknown".
 */
class BinanceSpotOrdersTest {

    private static final String KEY = "fakeApiKey0123456789";
    private static final String SECRET = "fakeSecret9876543210";
    private static final HttpTimeouts FAST = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));

    private BinanceSpotStandIn binance;

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn(KEY, SECRET).market("BTCUSDT", "BTC", "USDT", "40000.00")
                .balance("USDT", "1000.00000000").balance("BTC", "0.01000000").timeoutDelay(5000);
        // the first request of a JVM to a fresh server is slow (class loading): not the timeout under test
        new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials(KEY, SECRET), Clock.systemUTC(),
                HttpTimeouts.DEFAULT).balances();
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    private SpotOrders client(String key, String secret, Clock clock) {
        return new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials(key, secret), clock, FAST);
    }

    private SpotOrders client() {
        return client(KEY, SECRET, Clock.systemUTC());
    }

    @Test
    void shouldSignAsBinanceDocumentsIt() {
        // the example of Binance's REST API documentation, "SIGNED endpoint examples for POST /api/v3/order"
        assertThat(BinanceSigner.sign("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                        + "&timestamp=1499827319559"))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void shouldBuyForAQuoteAmountAndReadTheExactDecimals() {
        SendOutcome outcome = client().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "btc-live-1-buy"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder order = ((SendOutcome.Accepted) outcome).order();
        assertThat(order.clientOrderId()).isEqualTo("btc-live-1-buy");
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.executedQuantity()).hasToString("0.00250000");
        assertThat(order.executedQuote()).hasToString("100.00000000");
        assertThat(binance.free("USDT")).isEqualByComparingTo("900");
        // 0.0025 BTC less 0.1% commission charged in BTC, on top of the 0.01 held
        assertThat(binance.free("BTC")).isEqualByComparingTo("0.0124975");
    }

    @Test
    void shouldSendTheKeyAsAHeaderAndSignTimestampAndRecvWindowLast() {
        client().send(MarketOrder.sell("BTC/USDT", new BigDecimal("0.001"), "btc-live-2-sell"));

        var request = binance.requests().getFirst(); // newest first
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("X-MBX-APIKEY")).isEqualTo(KEY);
        assertThat(request.getUrl()).matches("/api/v3/order\\?symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0\\.001"
                + "&newClientOrderId=btc-live-2-sell&newOrderRespType=RESULT&recvWindow=5000&timestamp=\\d{13}"
                + "&signature=[0-9a-f]{64}");
        assertThat(request.getUrl() + request.getBodyAsString() + request.getHeaders()).doesNotContain(SECRET);
    }

    @Test
    void shouldTellARefusalFromAnUnknownOutcome() {
        assertThat(client(KEY, "notTheSecret", Clock.systemUTC())
                .send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "a-1")))
                .isEqualTo(new SendOutcome.Rejected(-1022, "Signature for this request is not valid.", false));
        assertThat(client("notTheKey", SECRET, Clock.systemUTC())
                .send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "a-2")))
                .isEqualTo(new SendOutcome.Rejected(-2015, "Invalid API-key, IP, or permissions for action.", false));
        assertThat(client().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("5000"), "a-3")))
                .isEqualTo(new SendOutcome.Rejected(-2010, "Account has insufficient balance for requested action.",
                        false));
        Clock late = Clock.fixed(Instant.now().minusSeconds(10), ZoneOffset.UTC);
        assertThat(client(KEY, SECRET, late).send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "a-4")))
                .isEqualTo(new SendOutcome.Rejected(-1021, "Timestamp for this request is outside of the recvWindow.",
                        true));
        assertThat(binance.orders()).isEmpty();
    }

    @Test
    void shouldFindAnOrderByClientIdAndSayWhenThereIsNone() {
        client().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "btc-live-3-buy"));

        assertThat(client().find("BTC/USDT", "btc-live-3-buy")).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED))
                .satisfies(o -> assertThat(o.executedQuantity()).hasToString("0.00250000"));
        assertThat(client().find("BTC/USDT", "never-sent")).isEmpty();
    }

    @Test
    void shouldNeverReadAFailedQueryAsNoOrder() {
        assertThatThrownBy(() -> client(KEY, "notTheSecret", Clock.systemUTC()).find("BTC/USDT", "never-sent"))
                .isInstanceOf(OrderApiException.class)
                .hasMessage("binance: asking for the order never-sent failed: HTTP 400 -1022 Signature for this"
                        + " request is not valid.")
                .satisfies(e -> assertThat(((OrderApiException) e).code()).isEqualTo(-1022));
        SpotOrders client = client();
        binance.close();
        assertThatThrownBy(() -> client.find("BTC/USDT", "never-sent"))
                .isInstanceOf(OrderApiException.class)
                .satisfies(e -> assertThat(((OrderApiException) e).isTemporary()).isTrue());
    }

    @Test
    void shouldSayUnknownWhenTheAnswerIsLostAndFindTheOrderAfterwards() {
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT).failNextOrder(Fault.STATUS_UNKNOWN_AFTER_ACCEPT);

        SendOutcome timedOut = client().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "t-1"));
        SendOutcome unknown = client().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "t-2"));

        assertThat(timedOut).isEqualTo(new SendOutcome.Unknown("no answer to the order (HttpTimeoutException)"));
        assertThat(unknown).isEqualTo(new SendOutcome.Unknown("HTTP 503 -1007 Timeout waiting for response from"
                + " backend server. Send status unknown; execution status unknown."));
        assertThat(client().find("BTC/USDT", "t-1")).get().extracting(ExchangeOrder::status).isEqualTo(OrderStatus.FILLED);
        assertThat(client().find("BTC/USDT", "t-2")).get().extracting(ExchangeOrder::status).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldSayUnknownForA503AndRefusedForNowForA429() {
        binance.failNextOrder(Fault.UNAVAILABLE).failNextOrder(Fault.RATE_LIMITED);

        assertThat(client().send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "u-1")))
                .isEqualTo(new SendOutcome.Unknown("HTTP 503"));
        assertThat(client().send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "u-2")))
                .isEqualTo(new SendOutcome.Rejected(-1003, "Too much request weight used; current limit is 6000"
                        + " request weight per 1 MINUTE.", true));
        assertThat(client().find("BTC/USDT", "u-1")).isEmpty();
        assertThat(client().find("BTC/USDT", "u-2")).isEmpty();
    }

    @Test
    void shouldReadEveryFillOfAnOrderWithItsCommissionAsset() {
        binance.tradesPerFill(3);
        ExchangeOrder order = ((SendOutcome.Accepted) client()
                .send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "f-1"))).order();

        List<ExchangeFill> fills = client().fills("BTC/USDT", order.orderId());

        assertThat(fills).hasSize(3).allSatisfy(f -> {
            assertThat(f.orderId()).isEqualTo(order.orderId());
            assertThat(f.price()).hasToString("40000.00000000");
            assertThat(f.commissionAsset()).isEqualTo("BTC");
        });
        assertThat(fills).extracting(ExchangeFill::quantity).extracting(BigDecimal::toPlainString)
                .containsExactly("0.00083000", "0.00083000", "0.00084000");
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(order.executedQuantity());
        assertThat(fills).extracting(ExchangeFill::tradeId).doesNotHaveDuplicates();
    }

    @Test
    void shouldKeepTradeIdsBeyond2To53ExactlyAsSent() {
        // 2^53 + 1 and on: through a double the first would read as 9007199254740992
        binance.tradesPerFill(2).firstTradeId(9_007_199_254_740_993L);
        ExchangeOrder order = ((SendOutcome.Accepted) client()
                .send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "big-1"))).order();

        assertThat(client().fills("BTC/USDT", order.orderId())).extracting(ExchangeFill::tradeId)
                .containsExactly("9007199254740993", "9007199254740994");
    }

    @Test
    void shouldReportAPartFilledMarketOrderAsExpiredWithWhatFilled() {
        binance.liquidity("BTCUSDT", "0.001");

        ExchangeOrder order = ((SendOutcome.Accepted) client()
                .send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "p-1"))).order();

        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(order.origQuantity()).hasToString("0.00250000");
        assertThat(order.executedQuantity()).hasToString("0.00100000");
        assertThat(order.executedQuote()).hasToString("40.00000000");
        assertThat(binance.free("USDT")).isEqualByComparingTo("960");
    }

    @Test
    void shouldReadTheBalancesHeld() {
        client().send(MarketOrder.sell("BTC/USDT", new BigDecimal("0.01"), "s-1"));

        // all BTC sold: only USDT is left, 1000 + 400 less 0.1% commission in USDT
        assertThat(client().balances()).containsExactly(
                new Balance("USDT", new BigDecimal("1399.60000000"), new BigDecimal("0.00000000")));
    }

    @Test
    void shouldTakeAFilledOrdersClientIdAgainAsBinanceDoes() {
        // why a sender asks for a client order id before sending it again: Binance refuses a duplicate only while open
        client().send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "d-1"));

        assertThat(client().send(MarketOrder.buyFor("BTC/USDT", BigDecimal.TEN, "d-1")))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(binance.ordersTaken()).isEqualTo(2);
    }
}
