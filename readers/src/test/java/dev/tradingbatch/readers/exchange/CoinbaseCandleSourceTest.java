package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinbaseCandleSourceTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final String CANDLES = "/products/BTC-USD/candles";
    private static final Instant LATER = Instant.parse("2024-03-01T00:00:00Z");

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private CoinbaseCandleSource source(Instant now) {
        return new CoinbaseCandleSource(server.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private void stubCandles(String path, String start, String body) {
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("start", equalTo(start))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void assertOnlyCandleRequests(String path, int count) {
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(count)
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).startsWith(path + "?"));
    }

    @Test
    void fetchReturnsExactClosedRowsOldestFirstFromNewestFirstResponse() {
        // Coinbase's real shape: [time s, low, high, open, close, volume], newest first, JSON numbers.
        // 03:00 is missing (no trades); 04:00 is still open at 04:30; 23:00 of the day before precedes start.
        stubCandles(CANDLES, "2024-01-01T00:00:00Z", """
                [[1704081600,42510.5,42600,42520.01,42590.99,12.0114],\
                [1704074400,42399.99,42551.2,42450,42510.5,88.41929112],\
                [1704070800,42250.01,42480.5,42283.87,42450,103.55],\
                [1704067200,42200.1,42300,42288.58,42283.88,301.72543018],\
                [1704063600,42000,42290,42100,42288.58,7.5]]""");

        CandlePage page = source(Instant.parse("2024-01-01T04:30:00Z"))
                .fetch("BTC/USD", Timeframe.H1, FROM, FROM + 5 * HOUR);

        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42288.58", "42300", "42200.1", "42283.88", "301.72543018"),
                new RawCandle("1704070800000", "42283.87", "42480.5", "42250.01", "42450", "103.55"),
                new RawCandle("1704074400000", "42450", "42551.2", "42399.99", "42510.5", "88.41929112"));
        assertThat(page.nextFrom()).isEqualTo(FROM + 5 * HOUR);
        server.verify(1, getRequestedFor(urlPathEqualTo(CANDLES))
                .withQueryParam("start", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-01T04:00:00Z"))
                .withQueryParam("granularity", equalTo("3600")));
        assertOnlyCandleRequests(CANDLES, 1);
    }

    @Test
    void numbersKeepTheirOwnTextWhereADoubleWouldNot() {
        // XChange's CoinbaseProCandle would give 42050.0 and 12345678.12345679 here (parsed via double).
        stubCandles(CANDLES, "2024-01-01T00:00:00Z",
                "[[1704067200,41999.50,42100.01,42000.10,42050.00,12345678.123456789]]");

        CandlePage page = source(LATER).fetch("BTC/USD", Timeframe.H1, FROM, FROM + HOUR);

        assertThat(page.candles()).containsExactly(new RawCandle("1704067200000",
                "42000.10", "42100.01", "41999.50", "42050.00", "12345678.123456789"));
    }

    @Test
    void rangeIsWalkedIn300CandleWindows() {
        long to = FROM + 400 * HOUR;
        stubCandles(CANDLES, "2024-01-01T00:00:00Z", "[[1704067200,42200.1,42300,42288.58,42283.88,301.72543018]]");
        stubCandles(CANDLES, "2024-01-13T12:00:00Z", "[[1705147200,46100,46250.5,46120.33,46200,55.1]]");
        CoinbaseCandleSource source = source(LATER);

        CandlePage first = source.fetch("BTC/USD", Timeframe.H1, FROM, to);
        assertThat(first.candles()).extracting(RawCandle::openTime).containsExactly("1704067200000");
        assertThat(first.nextFrom()).isEqualTo(FROM + 300 * HOUR);

        CandlePage second = source.fetch("BTC/USD", Timeframe.H1, first.nextFrom(), to);
        assertThat(second.candles()).extracting(RawCandle::openTime).containsExactly("1705147200000");
        assertThat(second.nextFrom()).isEqualTo(to);

        server.verify(1, getRequestedFor(urlPathEqualTo(CANDLES)).withQueryParam("start", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-13T11:00:00Z")).withQueryParam("granularity", equalTo("3600")));
        server.verify(1, getRequestedFor(urlPathEqualTo(CANDLES)).withQueryParam("start", equalTo("2024-01-13T12:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-17T15:00:00Z")).withQueryParam("granularity", equalTo("3600")));
        assertOnlyCandleRequests(CANDLES, 2);
    }

    @Test
    void windowWithoutTradesIsAnEmptyPageThatMovesOn() {
        long minute = Timeframe.M1.millis();
        stubCandles("/products/ETH-EUR/candles", "2024-01-01T00:00:00Z", "[]");

        CandlePage page = source(LATER).fetch("ETH/EUR", Timeframe.M1, FROM, FROM + 1000 * minute);

        assertThat(page.candles()).isEmpty();
        assertThat(page.nextFrom()).isEqualTo(FROM + 300 * minute);
        server.verify(getRequestedFor(urlPathEqualTo("/products/ETH-EUR/candles"))
                .withQueryParam("end", equalTo("2024-01-01T04:59:00Z")).withQueryParam("granularity", equalTo("60")));
        assertOnlyCandleRequests("/products/ETH-EUR/candles", 1);
    }

    @Test
    void noFourHourCandles() {
        CoinbaseCandleSource source = source(LATER);

        assertThat(source.exchange()).isEqualTo("coinbase");
        assertThat(source.timeframes()).containsExactlyInAnyOrder(
                Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertThatThrownBy(() -> source.fetch("BTC/USD", Timeframe.H4, FROM, FROM + 4 * HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownProductIsReportedAsSuch() {
        server.stubFor(get(urlPathEqualTo("/products/FOO-USD/candles")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"NotFound\"}")));
        CoinbaseCandleSource source = source(Instant.parse("2024-01-01T10:20:00Z"));

        assertThatThrownBy(() -> source.checkSymbol("FOO/USD", Timeframe.D1))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("coinbase does not list symbol 'FOO/USD'");
        assertThatThrownBy(() -> source.fetch("FOO/USD", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOf(UnknownSymbolException.class);
        // checkSymbol asks for the last closed daily candle only.
        server.verify(getRequestedFor(urlPathEqualTo("/products/FOO-USD/candles"))
                .withQueryParam("start", equalTo("2023-12-31T00:00:00Z")).withQueryParam("end", equalTo("2023-12-31T00:00:00Z"))
                .withQueryParam("granularity", equalTo("86400")));
        assertOnlyCandleRequests("/products/FOO-USD/candles", 2);
    }

    @Test
    void serverErrorNamesExchangeSymbolAndRange() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Internal server error\"}")));

        assertThatThrownBy(() -> source(LATER).fetch("BTC/USD", Timeframe.H1, FROM, FROM + 24 * HOUR))
                .isInstanceOf(ExchangeException.class)
                .hasMessage("coinbase GET candles BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "Internal server error (HTTP 500)");
        assertOnlyCandleRequests(CANDLES, 1);
    }

    @Test
    void rateLimitAnswerKeepsItsRetryAfterGivenAsAnHttpDate() {
        // LATER plus 30 s, in the HTTP-date form Retry-After may take.
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Fri, 01 Mar 2024 00:00:30 GMT")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Public rate limit exceeded\"}")));

        assertThatThrownBy(() -> source(LATER).fetch("BTC/USD", Timeframe.H1, FROM, FROM + 24 * HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure())
                        .isEqualTo(ExchangeFailure.throttled(Optional.of(Duration.ofSeconds(30)))))
                .hasMessage("coinbase GET candles BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "Public rate limit exceeded (HTTP 429)");
    }

    @Test
    void serverErrorsAndGarbledRowsAreWorthAskingAgainABadRequestIsNot() {
        server.stubFor(get(urlPathEqualTo(CANDLES)).withQueryParam("granularity", equalTo("3600"))
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Internal server error\"}")));
        server.stubFor(get(urlPathEqualTo(CANDLES)).withQueryParam("granularity", equalTo("60"))
                .willReturn(aResponse().withBody("[[1704067200,\"x\",42300,42288.58,42283.88,301.7]]")));
        server.stubFor(get(urlPathEqualTo(CANDLES)).withQueryParam("granularity", equalTo("86400"))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"granularity too small for the requested time range\"}")));
        CoinbaseCandleSource source = source(LATER);

        assertThatThrownBy(() -> source.fetch("BTC/USD", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.temporary()));
        assertThatThrownBy(() -> source.fetch("BTC/USD", Timeframe.M1, FROM, FROM + HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.temporary()))
                .hasMessageStartingWith("coinbase GET candles BTC/USD 1m [2024-01-01T00:00:00Z, 2024-01-01T01:00:00Z): "
                        + "malformed row [1704067200, x, 42300, 42288.58, 42283.88, 301.7]: ");
        assertThatThrownBy(() -> source.fetch("BTC/USD", Timeframe.D1, FROM, FROM + Timeframe.D1.millis()))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.permanent()))
                .hasMessage("coinbase GET candles BTC/USD 1d [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "granularity too small for the requested time range (HTTP 400)");
    }
}
