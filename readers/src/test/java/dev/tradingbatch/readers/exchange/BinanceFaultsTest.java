package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binance klines through {@link ExchangeSources#binance}: faults retried, waits recorded, never slept. */
class BinanceFaultsTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final long TO = FROM + 24 * HOUR;
    private static final String KLINES = "/api/v3/klines";
    private static final String RANGE = "binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ";

    /** Two closed hours, the way Binance sends them. */
    private static final String TWO_HOURS = "[" + kline(FROM, "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000")
            + "," + kline(FROM + HOUR, "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000") + "]";

    /** Generous, so that a loaded machine answering its first request never times out by accident. */
    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** For the timeout tests: a read timeout short enough for a test, and an answer that comes later. */
    private static final HttpTimeouts SHORT_READ = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400));
    private static final int SLOW_MILLIS = 1000;

    private final TestClock clock = new TestClock(Instant.parse("2024-02-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final Responses.Heard heard = new Responses.Heard();
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

    private ResilientCandleSource source(RateBudget budget, HttpTimeouts timeouts) {
        ExchangeSettings settings = ExchangeSettings.binance().withBaseUrl(server.baseUrl()).withBudget(budget)
                .withTimeouts(timeouts);
        return ExchangeSources.binance(settings, clock, sleeper, heard);
    }

    private ResilientCandleSource source(RateBudget budget) {
        return source(budget, TIMEOUTS);
    }

    private ResilientCandleSource source() {
        return source(RateBudget.BINANCE);
    }

    private static String kline(long open, String o, String h, String l, String c) {
        return "[" + open + ",\"" + o + "\",\"" + h + "\",\"" + l + "\",\"" + c + "\",\"1271.68108000\","
                + (open + HOUR - 1) + ",\"4206154.44863570\",3512,\"51.40251000\",\"2160612.26531720\",\"0\"]";
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body>" + status + "</body></html>");
    }

    private void answer(ResponseDefinitionBuilder... responses) {
        Responses.inOrder(server, () -> get(urlPathEqualTo(KLINES)), responses);
    }

    /** The klines request of a fetch of BTC/USDT 1h [FROM, TO), every query parameter exact. */
    private static RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h"))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("startTime", equalTo(Long.toString(FROM)))
                .withQueryParam("endTime", equalTo(Long.toString(TO - 1)));
    }

    private void assertPageOfTwoHours(CandlePage page) {
        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                new RawCandle("1704070800000", "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1271.68108000"));
        assertThat(page.nextFrom()).isEqualTo(TO);
    }

    private void assertRequests(int count) {
        server.verify(count, fetchRequest());
        assertThat(server.getAllServeEvents()).hasSize(count);
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterSaysThenReturnsThePage() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 6000 requests per minute.\"}"),
                ok(TWO_HOURS));
        ResilientCandleSource source = source();

        assertPageOfTwoHours(source.fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertRequests(2);
        assertThat(source.retries()).isEqualTo(1);
        assertThat(heard.lines).containsExactly("binance retry 1 after PT7S: " + RANGE
                + "Too many requests; current limit of IP is 6000 requests per minute. (HTTP status code: 429)");
    }

    @Test
    void ipBanWaitsWhatRetryAfterSaysThenReturnsThePage() {
        answer(aResponse().withStatus(418).withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1706745720000.\"}"),
                ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(120));
        assertRequests(2);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOff() {
        answer(status(429), status(429), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertRequests(3);
    }

    @Test
    void banLongerThanAllowedFailsAtOnce() {
        answer(aResponse().withStatus(418).withHeader("Retry-After", "7200").withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1706752800000.\"}"));

        assertThatThrownBy(() -> source().fetch("BTC/USDT", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "Way too much request weight used; IP banned until 1706752800000. (HTTP status code: 418)"
                        + " (exchange asks to wait 7200 s, more than the 900 s allowed; after 1 attempt)");
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void serviceUnavailableBurstBacksOffOneTwoFourSeconds() {
        answer(status(503), status(503), status(503), ok(TWO_HOURS));
        ResilientCandleSource source = source();

        assertPageOfTwoHours(source.fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(4);
        assertThat(source.retries()).isEqualTo(3);
        assertThat(heard.lines).containsExactly(
                "binance retry 1 after PT1S: " + RANGE + "HTTP 503 Service Unavailable",
                "binance retry 2 after PT2S: " + RANGE + "HTTP 503 Service Unavailable",
                "binance retry 3 after PT4S: " + RANGE + "HTTP 503 Service Unavailable");
    }

    @Test
    void serviceUnavailableForeverFailsAfterMaxAttemptsNamingRangeAndLastError() {
        answer(status(503));

        assertThatThrownBy(() -> source().fetch("BTC/USDT", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage("binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "HTTP 503 Service Unavailable (after 5 attempts)");
        assertThat(sleeper.sleeps()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertRequests(5);
    }

    @Test
    void truncatedBodyIsAskedAgain() {
        answer(ok("[[1704067200000,\"42000.0"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).singleElement().asString()
                .startsWith("binance retry 1 after PT1S: " + RANGE + "malformed response body: Unexpected end-of-input");
    }

    @Test
    void valueThatIsNotANumberIsAskedAgain() {
        answer(ok("[" + kline(FROM, "42283.58000000", "NaN?", "42261.02000000", "42475.23000000") + "]"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
    }

    @Test
    void connectionResetIsAskedAgain() {
        // The JDK's HttpURLConnection itself resends a GET once when the connection drops before the
        // status line: two resets make one failed attempt of ours.
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(3);
        assertThat(heard.lines).containsExactly("binance retry 1 after PT1S: " + RANGE + "Connection reset");
    }

    @Test
    void malformedResponseChunkIsAskedAgain() {
        answer(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
    }

    @Test
    void readTimeoutIsAskedAgain() {
        answer(ok(TWO_HOURS).withFixedDelay(SLOW_MILLIS), ok(TWO_HOURS));

        assertPageOfTwoHours(source(RateBudget.BINANCE, SHORT_READ).fetch("BTC/USDT", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).containsExactly("binance retry 1 after PT1S: " + RANGE + "Read timed out");
    }

    @Test
    void badRequestFailsAtOnceWithTheSourcesOwnMessage() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1104,\"msg\":\"Not all sent parameters were read.\"}"));

        assertThatThrownBy(() -> source().fetch("BTC/USDT", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "Not all sent parameters were read. (HTTP status code: 400)");
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void unknownSymbolIsNotRetried() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
        ResilientCandleSource source = source();

        assertThatThrownBy(() -> source.checkSymbol("FOO/BAR", Timeframe.H1))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("binance does not list symbol 'FOO/BAR'");
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(source.retries()).isZero();
    }

    @Test
    void symbolCheckIsRetriedToo() {
        answer(status(502), ok("[" + kline(FROM, "1.0", "1.0", "1.0", "1.0") + "]"));

        source().checkSymbol("BTC/USDT", Timeframe.H1);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        server.verify(2, getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h")).withQueryParam("limit", equalTo("1")));
    }

    @Test
    void sixthFetchWaitsForTheBudgetWindow() {
        answer(ok(TWO_HOURS));
        // 10 weight per minute at 2 per klines request: five fit, the sixth waits until the first leave.
        ResilientCandleSource source = source(new RateBudget(10, Duration.ofMinutes(1), 2));

        for (int i = 0; i < 6; i++) {
            assertPageOfTwoHours(source.fetch("BTC/USDT", Timeframe.H1, FROM, TO));
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMinutes(1));
        assertThat(heard.lines).containsExactly("binance budget wait PT1M");
        assertRequests(6);
    }

    @Test
    void weightUsedByOthersOnThisIpCountsAgainstTheBudget() {
        // Binance says 5999 of 6000 were used this minute although this process sent one request.
        answer(ok(TWO_HOURS).withHeader("X-MBX-USED-WEIGHT-1M", "5999"));
        ResilientCandleSource source = source();

        source.fetch("BTC/USDT", Timeframe.H1, FROM, TO);
        clock.advance(Duration.ofSeconds(20));
        source.fetch("BTC/USDT", Timeframe.H1, FROM, TO);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(40));
        assertRequests(2);
    }
}
