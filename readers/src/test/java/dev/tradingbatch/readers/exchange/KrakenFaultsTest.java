package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.ExchangeException;
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

/**
 * Kraken OHLC through {@link ExchangeSources#kraken}: Kraken reports its own trouble inside an HTTP 200
 * ({@code {"error":["EService:Unavailable"]}}), which is retried like a 5xx.
 */
class KrakenFaultsTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final long TO = FROM + 24 * HOUR;
    private static final String OHLC = "/0/public/OHLC";
    private static final String RANGE = "kraken GET OHLC BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ";

    /** Two closed hours and the open one Kraken always sends last. */
    private static final String TWO_HOURS = """
            {"error":[],"result":{"XXBTZUSD":[\
            [1704067200,"42283.5","42554.6","42261.0","42475.2","42401.7","85.49031237",2871],\
            [1704070800,"42475.2","42775.0","42431.6","42613.5","42620.3","101.07219011",3302],\
            [1704074400,"42613.6","42638.6","42550.0","42580.0","42590.9","44.00000000",1650]\
            ],"last":1704070800}}""";

    /** Generous, so that a loaded machine answering its first request never times out by accident. */
    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** For the timeout tests: a read timeout short enough for a test, and an answer that comes later. */
    private static final HttpTimeouts SHORT_READ = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400));
    private static final int SLOW_MILLIS = 1000;

    private final TestClock clock = new TestClock(Instant.parse("2024-01-01T02:30:00Z"));
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

    private ResilientCandleSource source(HttpTimeouts timeouts) {
        return ExchangeSources.kraken(ExchangeSettings.kraken().withBaseUrl(server.baseUrl()).withTimeouts(timeouts),
                clock, sleeper, heard);
    }

    private ResilientCandleSource source() {
        return source(TIMEOUTS);
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder krakenError(String error) {
        return ok("{\"error\":[\"" + error + "\"]}");
    }

    private void answer(ResponseDefinitionBuilder... responses) {
        Responses.inOrder(server, () -> get(urlPathEqualTo(OHLC)), responses);
    }

    private static RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(OHLC))
                .withQueryParam("pair", equalTo("XBTUSD"))
                .withQueryParam("interval", equalTo("60"))
                .withQueryParam("since", equalTo(Long.toString(FROM / 1000 - 1)));
    }

    private void assertRequests(int count) {
        server.verify(count, fetchRequest());
        assertThat(server.getAllServeEvents()).hasSize(count);
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
    }

    private static void assertPageOfTwoHours(CandlePage page) {
        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42283.5", "42554.6", "42261.0", "42475.2", "85.49031237"),
                new RawCandle("1704070800000", "42475.2", "42775.0", "42431.6", "42613.5", "101.07219011"));
        assertThat(page.nextFrom()).isEqualTo(TO);
    }

    @Test
    void rateLimitErrorBacksOffThenReturnsThePage() {
        answer(krakenError("EAPI:Rate limit exceeded"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).containsExactly("kraken retry 1 after PT1S: " + RANGE + "EAPI:Rate limit exceeded");
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterSays() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "7"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertRequests(2);
        assertThat(heard.lines).containsExactly("kraken retry 1 after PT7S: " + RANGE + "HTTP 429 Too Many Requests");
    }

    @Test
    void serviceUnavailableBurstBacksOffOneTwoFourSeconds() {
        answer(krakenError("EService:Unavailable"), aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"),
                krakenError("EService:Busy"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(4);
        assertThat(heard.lines).containsExactly(
                "kraken retry 1 after PT1S: " + RANGE + "EService:Unavailable",
                "kraken retry 2 after PT2S: " + RANGE + "HTTP 502 Bad Gateway",
                "kraken retry 3 after PT4S: " + RANGE + "EService:Busy");
    }

    @Test
    void badGatewayForeverFailsAfterMaxAttempts() {
        answer(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

        assertThatThrownBy(() -> source().fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "HTTP 502 Bad Gateway (after 5 attempts)");
        assertThat(sleeper.sleeps()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertRequests(5);
    }

    @Test
    void truncatedBodyConnectionResetAndReadTimeoutAreAskedAgain() {
        // Two resets: the JDK's HttpURLConnection resends a GET once by itself.
        answer(ok("{\"error\":[],\"result\":{\"XXBTZUSD\":[[1704067200,\"42283.5"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                ok(TWO_HOURS).withFixedDelay(SLOW_MILLIS), ok(TWO_HOURS));

        assertPageOfTwoHours(source(SHORT_READ).fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(5);
    }

    @Test
    void invalidArgumentsFailAtOnce() {
        answer(krakenError("EGeneral:Invalid arguments"));

        assertThatThrownBy(() -> source().fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "EGeneral:Invalid arguments");
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void oneRequestPerSecond() {
        answer(ok(TWO_HOURS));
        ResilientCandleSource source = source();

        for (int i = 0; i < 3; i++) {
            source.fetch("BTC/USD", Timeframe.H1, FROM, TO);
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(heard.lines).containsExactly("kraken budget wait PT1S", "kraken budget wait PT1S");
        assertRequests(3);
    }
}
