package dev.tradingbatch.readers.orders;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An order answer carrying an absurd number ({@code 1e400000000}, 10,000 digits) is refused by its text in
 * microseconds, naming the field: a send whose answer cannot be read ends unknown (asked again, never taken as
 * filled), a query whose answer cannot be read fails, and no value is ever written out digit by digit.
 */
class BinanceSpotOrdersAbsurdAnswersTest {

    private static final String LONG_NUMBER = "1" + "0".repeat(9_999);
    private static final String ORDER = """
            {"symbol":"BTCUSDT","orderId":28,"clientOrderId":"btc-live-1-buy","transactTime":1704067200000,
             "origQty":"0.00250000","executedQty":"EXECUTED","cummulativeQuoteQty":"100.00000000",
             "status":"FILLED","type":"MARKET","side":"BUY"}""";

    private WireMockServer server;
    private SpotOrders client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        client = new BinanceSpotOrders(server.baseUrl(), new ApiCredentials("fakeApiKey0123456789",
                "fakeSecret9876543210"), Clock.systemUTC(), HttpTimeouts.DEFAULT);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void answer(MappingBuilder request, String body) {
        server.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    private SendOutcome buy() {
        return client.send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), "btc-live-1-buy"));
    }

    @Test
    void shouldLeaveASendUnknownWhenItsAnswerCarriesAnAbsurdNumber() {
        answer(post(urlPathEqualTo("/api/v3/order")), ORDER.replace("\"EXECUTED\"", "\"1e400000000\""));
        long start = System.nanoTime();
        assertThat(buy()).isEqualTo(new SendOutcome.Unknown("an answer to the order that cannot be read "
                + "(executedQty '1e400000000' is out of range (beyond 10^64 or 10^-64))"));

        answer(post(urlPathEqualTo("/api/v3/order")), ORDER.replace("\"EXECUTED\"", "\"" + LONG_NUMBER + "\""));
        assertThat(buy()).isEqualTo(new SendOutcome.Unknown("an answer to the order that cannot be read "
                + "(executedQty '10000000000000000000...' (10000 characters) is too long for a number)"));

        answer(post(urlPathEqualTo("/api/v3/order")), ORDER.replace("\"EXECUTED\"", LONG_NUMBER));
        assertThat(buy()).isInstanceOfSatisfying(SendOutcome.Unknown.class, u -> assertThat(u.reason())
                .startsWith("an answer to the order that cannot be read (malformed body: Number value length "
                        + "(10000) exceeds the maximum allowed (1000"));
        assertThat(System.nanoTime() - start).as("three answers refused, in nanoseconds").isLessThan(5_000_000_000L);
    }

    @Test
    void shouldFailAQueryWhoseAnswerCarriesAnAbsurdNumberNamingTheField() {
        answer(get(urlPathEqualTo("/api/v3/order")), ORDER.replace("\"EXECUTED\"", "1e400000000"));
        answer(get(urlPathEqualTo("/api/v3/myTrades")), """
                [{"symbol":"BTCUSDT","id":7,"orderId":28,"price":"40000.00","qty":"0.00250000",
                  "quoteQty":"100.00000000","commission":"%s","commissionAsset":"BTC","time":1704067200000}]"""
                .formatted(LONG_NUMBER));
        answer(get(urlPathEqualTo("/api/v3/account")), """
                {"balances":[{"asset":"BTC","free":"0.01000000","locked":"1E-400000000"}]}""");

        assertThatThrownBy(() -> client.find("BTC/USDT", "btc-live-1-buy")).isInstanceOf(OrderApiException.class)
                .hasMessage("binance: the answer for the order btc-live-1-buy cannot be read: executedQty "
                        + "'1E+400000000' is out of range (beyond 10^64 or 10^-64)");
        assertThatThrownBy(() -> client.fills("BTC/USDT", "28")).isInstanceOf(OrderApiException.class)
                .hasMessage("binance: the answer for the fills of order 28 cannot be read: commission "
                        + "'10000000000000000000...' (10000 characters) is too long for a number");
        assertThatThrownBy(() -> client.balances()).isInstanceOf(OrderApiException.class)
                .hasMessage("binance: the answer for the account cannot be read: locked '1E-400000000' is out of "
                        + "range (beyond 10^64 or 10^-64)");
    }

    @Test
    void shouldFailTheFillsWhenATradeIdIsNotAWholeNumberAndKeepOneOfAnySizeExactly() {
        String trade = """
                [{"symbol":"BTCUSDT","id":%s,"orderId":28,"price":"40000.00","qty":"0.00250000",
                  "quoteQty":"100.00000000","commission":"0.0000025","commissionAsset":"BTC","time":1704067200000}]""";
        for (String id : new String[] {"7.5", "7e3", "\"7\"", "-7", "null"}) {
            answer(get(urlPathEqualTo("/api/v3/myTrades")), trade.formatted(id));
            assertThatThrownBy(() -> client.fills("BTC/USDT", "28")).as(id).isInstanceOf(OrderApiException.class)
                    .hasMessage("binance: the answer for the fills of order 28 cannot be read: "
                            + (id.equals("null") ? "no id" : "id is not a whole number of 0 or more"));
        }

        answer(get(urlPathEqualTo("/api/v3/myTrades")), trade.formatted("123456789012345678901234567890"));
        assertThat(client.fills("BTC/USDT", "28")).extracting(ExchangeFill::tradeId)
                .containsExactly("123456789012345678901234567890");
    }
}
