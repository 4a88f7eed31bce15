package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tradingbatch.readers.exchange.BinanceKlines.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceCandleSourceTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final String KLINES = "/api/v3/klines";

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

    private BinanceCandleSource source(Instant now) {
        return new BinanceCandleSource(server.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private void stubKlines(String startTime, String body) {
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("startTime", equalTo(startTime))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void assertOnlyKlineRequests(int count) {
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(count)
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).startsWith(KLINES + "?"));
    }

    @Test
    void fetchReturnsExactClosedRowsOldestFirstStampedWithOpenTime() {
        stubKlines(Long.toString(FROM), BinanceKlines.page(
                row(FROM, HOUR, "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                row(FROM + HOUR, HOUR, "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1196.37856000"),
                // still open at 02:30: its close time 02:59:59.999 is after now
                row(FROM + 2 * HOUR, HOUR, "42613.57000000", "42638.66000000", "42550.01000000", "42580.00000000", "301.20000000")));

        CandlePage page = source(Instant.parse("2024-01-01T02:30:00Z"))
                .fetch("BTC/USDT", Timeframe.H1, FROM, FROM + 3 * HOUR);

        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                new RawCandle("1704070800000", "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1196.37856000"));
        assertThat(page.nextFrom()).isEqualTo(FROM + 3 * HOUR);
        server.verify(1, getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h"))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("startTime", equalTo(Long.toString(FROM)))
                .withQueryParam("endTime", equalTo(Long.toString(FROM + 3 * HOUR - 1))));
        assertOnlyKlineRequests(1);
    }

    @Test
    void fullPageContinuesAfterLastOpenTimeAndShortPageFinishesTheRange() {
        long minute = Timeframe.M1.millis();
        long to = FROM + 1500 * minute;
        stubKlines(Long.toString(FROM), klines(FROM, 1000, minute));
        stubKlines(Long.toString(FROM + 1000 * minute), klines(FROM + 1000 * minute, 500, minute));
        BinanceCandleSource source = source(Instant.parse("2024-02-01T00:00:00Z"));

        CandlePage first = source.fetch("ETH/BTC", Timeframe.M1, FROM, to);
        assertThat(first.candles()).hasSize(1000);
        assertThat(first.candles().getFirst().openTime()).isEqualTo(Long.toString(FROM));
        assertThat(first.nextFrom()).isEqualTo(FROM + 1000 * minute);

        CandlePage second = source.fetch("ETH/BTC", Timeframe.M1, first.nextFrom(), to);
        assertThat(second.candles()).hasSize(500);
        assertThat(second.candles().getLast().openTime()).isEqualTo(Long.toString(to - minute));
        assertThat(second.nextFrom()).isEqualTo(to);

        for (long start : new long[] {FROM, FROM + 1000 * minute}) {
            server.verify(1, getRequestedFor(urlPathEqualTo(KLINES))
                    .withQueryParam("symbol", equalTo("ETHBTC"))
                    .withQueryParam("interval", equalTo("1m"))
                    .withQueryParam("limit", equalTo("1000"))
                    .withQueryParam("startTime", equalTo(Long.toString(start)))
                    .withQueryParam("endTime", equalTo(Long.toString(to - 1))));
        }
        assertOnlyKlineRequests(2);
    }

    private static String klines(long start, int count, long length) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(start + i * length, length, "0.05312000", "0.05315000", "0.05310000", "0.05313000", "12.34560000"));
        }
        return BinanceKlines.page(rows);
    }

    @Test
    void emptyPageFinishesTheRange() {
        stubKlines(Long.toString(FROM), "[]");

        CandlePage page = source(Instant.parse("2024-02-01T00:00:00Z")).fetch("BTC/USDT", Timeframe.D1, FROM, FROM + 10 * Timeframe.D1.millis());

        assertThat(page.candles()).isEmpty();
        assertThat(page.nextFrom()).isEqualTo(FROM + 10 * Timeframe.D1.millis());
    }

    @Test
    void unknownSymbolIsReportedAsSuch() {
        server.stubFor(get(urlPathEqualTo(KLINES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
        BinanceCandleSource source = source(Instant.parse("2024-02-01T00:00:00Z"));

        assertThatThrownBy(() -> source.checkSymbol("FOO/BAR", Timeframe.H1))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("binance does not list symbol 'FOO/BAR'");
        assertThatThrownBy(() -> source.fetch("FOO/BAR", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOf(UnknownSymbolException.class);
        server.verify(1, getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("symbol", equalTo("FOOBAR"))
                .withQueryParam("interval", equalTo("1h")).withQueryParam("limit", equalTo("1")));
        assertOnlyKlineRequests(2);
    }

    @Test
    void checkSymbolAsksForOneKline() {
        server.stubFor(get(urlPathEqualTo(KLINES)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(BinanceKlines.page(row(FROM, HOUR, "1.0", "1.0", "1.0", "1.0", "0.0")))));

        source(Instant.parse("2024-02-01T00:00:00Z")).checkSymbol("btc/usdt", Timeframe.H4);

        server.verify(getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("4h")).withQueryParam("limit", equalTo("1")));
        assertOnlyKlineRequests(1);
    }

    @Test
    void serverErrorNamesExchangeSymbolAndRange() {
        server.stubFor(get(urlPathEqualTo(KLINES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> source(Instant.parse("2024-02-01T00:00:00Z"))
                .fetch("BTC/USDT", Timeframe.H1, FROM, FROM + 24 * HOUR))
                .isInstanceOf(ExchangeException.class)
                .hasMessageStartingWith("binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ")
                .hasMessageContaining("503");
        assertOnlyKlineRequests(1);
    }

    @Test
    void failuresSayWhetherAskingAgainMayHelp() {
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("interval", equalTo("1h")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("interval", equalTo("4h")).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 6000 requests per minute.\"}")));
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("interval", equalTo("1d")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1104,\"msg\":\"Not all sent parameters were read.\"}")));
        BinanceCandleSource source = source(Instant.parse("2024-02-01T00:00:00Z"));

        assertThatThrownBy(() -> source.fetch("BTC/USDT", Timeframe.H1, FROM, FROM + 24 * HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.temporary()))
                .hasMessage("binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): HTTP 503 Service Unavailable");
        assertThatThrownBy(() -> source.fetch("BTC/USDT", Timeframe.H4, FROM, FROM + 24 * HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure())
                        .isEqualTo(ExchangeFailure.throttled(Optional.of(Duration.ofSeconds(7)))))
                .hasMessage("binance GET klines BTC/USDT 4h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "Too many requests; current limit of IP is 6000 requests per minute. (HTTP status code: 429)");
        assertThatThrownBy(() -> source.fetch("BTC/USDT", Timeframe.D1, FROM, FROM + 24 * HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.permanent()))
                .hasMessage("binance GET klines BTC/USDT 1d [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "Not all sent parameters were read. (HTTP status code: 400)");
        assertOnlyKlineRequests(3);
    }

    @Test
    void aValueThatIsNotANumberIsAMalformedRowWorthAskingAgain() {
        stubKlines(Long.toString(FROM), BinanceKlines.page(row(FROM, HOUR, "42283.58000000", "n/a", "42261.02000000", "42475.23000000", "1.0")));

        assertThatThrownBy(() -> source(Instant.parse("2024-02-01T00:00:00Z")).fetch("BTC/USDT", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.temporary()))
                .hasMessageStartingWith("binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-01T01:00:00Z): "
                        + "malformed row [1704067200000, 42283.58000000, n/a, ");
    }

    @Test
    void usedWeightHeaderIsReportedFromAnswersAndErrors() {
        List<Long> reported = new ArrayList<>();
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("interval", equalTo("1h")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withHeader("X-MBX-USED-WEIGHT-1M", "42").withBody("[]")));
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("interval", equalTo("4h")).willReturn(aResponse()
                .withStatus(429).withHeader("x-mbx-used-weight-1m", "6010").withBody("{\"code\":-1003,\"msg\":\"Too many requests.\"}")));
        BinanceCandleSource source = new BinanceCandleSource(server.baseUrl(),
                Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC), HttpTimeouts.DEFAULT, reported::add);

        source.fetch("BTC/USDT", Timeframe.H1, FROM, FROM + HOUR);
        assertThatThrownBy(() -> source.fetch("BTC/USDT", Timeframe.H4, FROM, FROM + Timeframe.H4.millis()))
                .isInstanceOf(ExchangeException.class);

        assertThat(reported).containsExactly(42L, 6010L);
    }

    @Test
    void constructionCallsNothingAndTimeframesAreAllSix() {
        BinanceCandleSource source = source(Instant.parse("2024-02-01T00:00:00Z"));

        assertThat(source.exchange()).isEqualTo("binance");
        assertThat(source.timeframes()).containsExactlyInAnyOrder(Timeframe.values());
        assertThat(server.getAllServeEvents()).extracting(ServeEvent::getRequest).isEmpty();
    }

    @Test
    void symbolMustBeBaseSlashQuote() {
        assertThatThrownBy(() -> source(Instant.EPOCH).fetch("BTCUSDT", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol 'BTCUSDT' is not BASE/QUOTE, e.g. BTC/USDT");
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
