package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.KrakenStandIn.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kraken order client against {@link KrakenStandIn}, which checks key, signature and nonce as Kraken does and
 * keeps an account's orders, trades and balances: the same contract as the Binance and Coinbase clients', with
 * Kraken's differences: errors inside HTTP 200 answers, a cl_ord_id derived from ours, buys for a quote amount with
 * {@code viqc}, text trade ids, legacy asset codes.
 */
class KrakenSpotOrdersTest {

    private static final String KEY = "fakeKrakenKey0123456789";
    private static final String SECRET = Base64.getEncoder().encodeToString("fakeKrakenSecret9876543210".getBytes());
    private static final HttpTimeouts FAST = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));

    private KrakenStandIn kraken;

    @BeforeEach
    void start() {
        kraken = new KrakenStandIn(KEY, SECRET).pair("XBTUSD", "XXBT", "ZUSD", "40000.0")
                .balance("ZUSD", "1000").balance("XXBT", "0.01").timeoutDelay(5000);
        // the first request of a JVM to a fresh server is slow (class loading): not the timeout under test
        new KrakenSpotOrders(kraken.baseUrl(), new ApiCredentials(KEY, SECRET), Clock.systemUTC(), HttpTimeouts.DEFAULT)
                .balances();
    }

    @AfterEach
    void stop() {
        kraken.close();
    }

    private SpotOrders client(String key, String secret, Clock clock) {
        return new KrakenSpotOrders(kraken.baseUrl(), new ApiCredentials(key, secret), clock, FAST);
    }

    private SpotOrders client() {
        return client(KEY, SECRET, Clock.systemUTC());
    }

    @Test
    void shouldSignThePathAndTheDigestOfNonceAndBodyAsKrakensDocumentedExample() {
        // Kraken's own example in its REST authentication guide
        assertThat(KrakenSigner.sign(
                "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
                "/0/private/AddOrder", "1616492376594",
                "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"))
                .isEqualTo("4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==");
    }

    @Test
    void shouldBuyForAQuoteAmountWithTheFeeInTheQuoteCurrencyAndReadTheExactDecimals() {
        SendOutcome outcome = client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("100"), "btc-live-1-buy"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder order = ((SendOutcome.Accepted) outcome).order();
        assertThat(order.symbol()).isEqualTo("BTC/USD");
        assertThat(order.clientOrderId()).isEqualTo("btc-live-1-buy");
        assertThat(order.orderId()).isEqualTo(kraken.orders().getFirst().txid());
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        // 100 USD, fee included: 100 / (40000 * 1.004) = 0.00249003... BTC
        assertThat(order.executedQuantity()).hasToString("0.00249003");
        assertThat(order.origQuantity()).hasToString("0.00249003");
        assertThat(order.executedQuote()).hasToString("99.60120");
        // 99.6012 spent and 0.4 % of it, 0.39840 in Kraken's 5 decimals, in fees
        assertThat(kraken.balance("ZUSD")).isEqualByComparingTo("900.0004");
        assertThat(kraken.balance("XXBT")).isEqualByComparingTo("0.01249003");
        String body = URLDecoder.decode(kraken.requests().stream()
                .filter(r -> r.getUrl().equals("/0/private/AddOrder")).findFirst().orElseThrow().getBodyAsString(),
                StandardCharsets.UTF_8);
        assertThat(body).matches("nonce=\\d+&ordertype=market&type=buy&pair=XBTUSD&volume=100&oflags=fciq,viqc"
                + "&cl_ord_id=" + KrakenSpotOrders.clOrdId("btc-live-1-buy"));
    }

    @Test
    void shouldSellAVolumeAndSendTheSignedHeadersAndADerivedClientOrderId() {
        SendOutcome outcome = client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.001"), "btc-live-2-sell"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Accepted) outcome).order().executedQuote()).isEqualByComparingTo("40");
        assertThat(((SendOutcome.Accepted) outcome).order().origQuantity()).hasToString("0.00100000");
        assertThat(kraken.balance("ZUSD")).isEqualByComparingTo("1039.84");   // 40 less 0.16 in fees
        var request = kraken.requests().stream().filter(r -> r.getUrl().equals("/0/private/AddOrder"))
                .findFirst().orElseThrow();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("API-Key")).isEqualTo(KEY);
        assertThat(request.getHeader("API-Sign")).matches("[A-Za-z0-9+/]{86}==");
        assertThat(request.getBodyAsString()).contains("&type=sell&", "&volume=0.001&", "&oflags=fciq&")
                .doesNotContain("viqc");
        assertThat(kraken.orders().getFirst().clOrdId()).isEqualTo(KrakenSpotOrders.clOrdId("btc-live-2-sell"))
                .hasSize(36).isNotEqualTo(KrakenSpotOrders.clOrdId("btc-live-2-buy"));
        assertThat(kraken.requests()).allSatisfy(r -> assertThat(r.getUrl() + r.getBodyAsString() + r.getHeaders())
                .doesNotContain(SECRET));
    }

    @Test
    void shouldSendAnIncreasingNonceEvenWhenTheClockStandsStill() {
        Clock still = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        SpotOrders client = client(KEY, SECRET, still);

        client.balances();
        client.balances();
        client.send(MarketOrder.sell("BTC/USD", new BigDecimal("0.001"), "btc-live-7-sell"));

        assertThat(kraken.orders()).hasSize(1);
        assertThat(kraken.requests().stream().filter(r -> r.getUrl().startsWith("/0/private/"))
                .map(r -> Long.parseLong(r.getBodyAsString().replaceAll("^nonce=(\\d+).*$", "$1"))).toList()
                .reversed()).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldTellARefusalFromAnUnknownOutcome() {
        String otherSecret = Base64.getEncoder().encodeToString("notTheSecret".getBytes());
        assertThat(client(KEY, otherSecret, Clock.systemUTC()).send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-1")))
                .isEqualTo(new SendOutcome.Rejected(200, "EAPI:Invalid signature", false));
        assertThat(client("notTheKey", SECRET, Clock.systemUTC()).send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-2")))
                .isEqualTo(new SendOutcome.Rejected(200, "EAPI:Invalid key", false));
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("5000"), "a-3")))
                .isEqualTo(new SendOutcome.Rejected(200, "EOrder:Insufficient funds", false));
        assertThat(client().send(MarketOrder.sell("BTC/USD", new BigDecimal("1"), "a-3b")))
                .isEqualTo(new SendOutcome.Rejected(200, "EOrder:Insufficient funds", false));
        // a client whose clock is behind the nonces already used: refused, may pass once its nonce is above
        Clock late = Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        assertThat(client(KEY, SECRET, late).send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-4")))
                .isEqualTo(new SendOutcome.Rejected(200, "EAPI:Invalid nonce", true));
        kraken.failNextOrder(Fault.RATE_LIMITED).failNextOrder(Fault.UNAVAILABLE);
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-5")))
                .isEqualTo(new SendOutcome.Rejected(200, "EAPI:Rate limit exceeded", true));
        assertThat(client().send(MarketOrder.buyFor("BTC/USD", BigDecimal.TEN, "a-6")))
                .isEqualTo(new SendOutcome.Unknown("EService:Unavailable"));
        assertThat(kraken.orders()).isEmpty();
        assertThat(kraken.balance("ZUSD")).isEqualByComparingTo("1000");
    }

    @Test
    void shouldFindAnOrderByClientIdAfterATimeoutAndSayWhenThereIsNone() {
        kraken.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT);

        SendOutcome outcome = client().send(MarketOrder.buyFor("BTC/USD", new BigDecimal("100"), "btc-live-3-buy"));

        assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
        assertThat(((SendOutcome.Unknown) outcome).reason()).startsWith("no answer to the order");
        assertThat(client().find("BTC/USD", "btc-live-3-buy")).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED))
                .satisfies(o -> assertThat(o.orderId()).isEqualTo(kraken.orders().getFirst().txid()))
                .satisfies(o -> assertThat(o.clientOrderId()).isEqualTo("btc-live-3-buy"))
                .satisfies(o -> assertThat(o.side()).isEqualTo(Side.BUY))
                .satisfies(o -> assertThat(o.executedQuantity()).hasToString("0.00249003"));
        assertThat(client().find("BTC/USD", "never-sent")).isEmpty();
        assertThat(kraken.orders()).hasSize(1);
        assertThat(kraken.requests().stream().map(r -> r.getUrl()))
                .contains("/0/private/OpenOrders", "/0/private/ClosedOrders");
    }

    @Test
    void shouldNeverReadAFailedOrUnreadableQueryAsNoOrder() {
        kraken.failNext("OpenOrders", "{\"error\":[],\"result\":{}}");

        assertThatThrownBy(() -> client().find("BTC/USD", "btc-live-8-buy"))
                .isInstanceOf(OrderApiException.class)
                .hasMessage("kraken: the answer for the order btc-live-8-buy cannot be read: no open orders listed");

        kraken.failNext("OpenOrders", "{\"error\":[\"EService:Unavailable\"],\"result\":{}}");

        assertThatThrownBy(() -> client().find("BTC/USD", "btc-live-8-buy"))
                .isInstanceOf(OrderApiException.class)
                .hasMessage("kraken: asking for the order btc-live-8-buy failed: HTTP 200 EService:Unavailable");
    }

    @Test
    void shouldTakeAnOrderAsWorkingWhenItsStateCannotBeAskedRightAfterItWasTaken() {
        kraken.failNext("QueryOrders", "{\"error\":[\"EService:Busy\"],\"result\":{}}");

        SendOutcome outcome = client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.001"), "btc-live-9-sell"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder order = ((SendOutcome.Accepted) outcome).order();
        assertThat(order.orderId()).isEqualTo(kraken.orders().getFirst().txid());
        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(order.executedQuantity()).isZero();
        assertThat(client().find("BTC/USD", "btc-live-9-sell")).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED))
                .satisfies(o -> assertThat(o.executedQuote()).isEqualByComparingTo("40"));
        assertThat(kraken.orders()).hasSize(1);
    }

    @Test
    void shouldKeepKrakensTradeIdsAsSentAndNameTheNumberAFillWasStoredUnderBefore() {
        kraken.tradesPerOrder(2).tradeIds("TCCCTY-WE4VW-TMJ5IT", "TKH2SE-M7IF5-CFI7LT");
        ExchangeOrder order = ((SendOutcome.Accepted) client().send(
                MarketOrder.sell("BTC/USD", new BigDecimal("0.002"), "btc-live-5-sell"))).order();

        List<ExchangeFill> fills = client().fills("BTC/USD", order.orderId());

        assertThat(fills).extracting(ExchangeFill::tradeId)
                .containsExactly("TCCCTY-WE4VW-TMJ5IT", "TKH2SE-M7IF5-CFI7LT");
        // before V18 live_fills held the first 63 bits of the id's SHA-256 (worked out apart from this code:
        // int.from_bytes(hashlib.sha256(b"TCCCTY-WE4VW-TMJ5IT").digest()[:8], "big") & (2**63 - 1) in Python)
        assertThat(client().formerTradeId("TCCCTY-WE4VW-TMJ5IT")).contains("9196403193235729099");
    }

    @Test
    void shouldReadEveryTradeOfAnOrderOverSeveralQueriesOldestFirst() {
        kraken.tradesPerOrder(25);
        client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.005"), "other-sell"));
        ExchangeOrder order = ((SendOutcome.Accepted) client().send(
                MarketOrder.sell("BTC/USD", new BigDecimal("0.0025"), "btc-live-4-sell"))).order();

        List<ExchangeFill> fills = client().fills("BTC/USD", order.orderId());

        assertThat(fills).hasSize(25);
        assertThat(fills).extracting(ExchangeFill::time).isSorted();
        assertThat(fills).extracting(ExchangeFill::tradeId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(kraken.trades().stream().filter(t -> t.txid().equals(order.orderId()))
                        .map(KrakenStandIn.Trade::id).toList());
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.orderId()).isEqualTo(order.orderId());
            assertThat(f.commissionAsset()).isEqualTo("USD");
            assertThat(f.quoteQuantity()).isEqualByComparingTo(f.price().multiply(f.quantity()));
            assertThat(f.commission()).isEqualByComparingTo(f.quoteQuantity().multiply(new BigDecimal("0.004")));
        });
        assertThat(fills.getFirst().quantity()).hasToString("0.00010000");
        assertThat(fills.getFirst().time()).isEqualTo(kraken.trades().stream()
                .filter(t -> t.txid().equals(order.orderId())).findFirst().orElseThrow().time());
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(order.executedQuantity());
        assertThat(kraken.requests().stream().filter(r -> r.getUrl().equals("/0/private/QueryTrades"))).hasSize(2);
    }

    @Test
    void shouldReadAnOrderThatFilledOnlyPartAsCanceledWithWhatItExecuted() {
        kraken.liquidity("XBTUSD", "0.002");

        ExchangeOrder order = ((SendOutcome.Accepted) client().send(
                MarketOrder.sell("BTC/USD", new BigDecimal("0.005"), "btc-live-5-sell"))).order();

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(order.status().isFinal()).isTrue();
        assertThat(order.origQuantity()).hasToString("0.00500000");
        assertThat(order.executedQuantity()).hasToString("0.00200000");
        assertThat(client().fills("BTC/USD", order.orderId())).extracting(ExchangeFill::quantity)
                .containsExactly(new BigDecimal("0.00200000"));
        assertThat(kraken.balance("XXBT")).isEqualByComparingTo("0.008");
    }

    @Test
    void shouldReadTheBalancesUnderTheirUsualAssetNames() {
        client().send(MarketOrder.sell("BTC/USD", new BigDecimal("0.01"), "sell-all"));

        assertThat(client().balances()).containsExactly(
                new Balance("USD", new BigDecimal("1398.4000000000"), new BigDecimal("0E-10")));
    }

    @Test
    void shouldReadThePriceOfAMinuteFromItsCandle() {
        long time = Instant.parse("2026-01-05T10:15:42Z").toEpochMilli();

        assertThat(client().priceAt("BTC/USD", time)).isEqualByComparingTo("40000.0");
        assertThat(kraken.requests().getFirst().getUrl())
                .isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=1&since=" + (Instant.parse("2026-01-05T10:14:00Z")
                        .getEpochSecond()));
    }

    @Test
    void shouldNeverPutCredentialsInAnExceptionMessage() {
        assertThatThrownBy(() -> client("notTheKey", SECRET, Clock.systemUTC()).balances())
                .isInstanceOf(OrderApiException.class)
                .hasMessage("kraken: asking for the balances failed: HTTP 200 EAPI:Invalid key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET, KEY));
        assertThatThrownBy(() -> client(KEY, "not base64 at all", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kraken: the API secret is not base64 (Kraken gives it so)");
        assertThat(new ApiCredentials(KEY, SECRET)).hasToString("ApiCredentials[hidden]");
    }
}
