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

/** Coinbase candles through {@link ExchangeSources#coinbase}: faults retried, waits recorded, never slept. */
class CoinbaseFaultsTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final long TO = FROM + 3 * HOUR;
    private static final String CANDLES = "/products/BTC-USD/candles";
    private static final String RANGE = "coinbase GET candles BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-01T03:00:00Z): ";

    /** Coinbase's shape: [time s, low, high, open, close, volume], newest first, JSON numbers; 02:00 had no trades. */
    private static final String TWO_HOURS = "[[1704070800,42250.01,42480.5,42283.87,42450,103.55],"
            + "[1704067200,42200.1,42300,42288.58,42283.88,301.72543018]]";

    /** Generous, so that a loaded machine answering its first request never times out by accident. */
    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** For the timeout tests: a read timeout short enough for a test, and an answer that comes later. */
    private static final HttpTimeouts SHORT_READ = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400));
    private static final int SLOW_MILLIS = 1000;

    private final TestClock clock = new TestClock(Instant.parse("2024-03-01T00:00:00Z"));
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
        return ExchangeSources.coinbase(ExchangeSettings.coinbase().withBaseUrl(server.baseUrl()).withTimeouts(timeouts),
                clock, sleeper, heard);
    }

    private ResilientCandleSource source() {
        return source(TIMEOUTS);
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private void answer(ResponseDefinitionBuilder... responses) {
        Responses.inOrder(server, () -> get(urlPathEqualTo(CANDLES)), responses);
    }

    private static RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(CANDLES))
                .withQueryParam("start", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-01T02:00:00Z"))
                .withQueryParam("granularity", equalTo("3600"));
    }

    private void assertRequests(int count) {
        server.verify(count, fetchRequest());
        assertThat(server.getAllServeEvents()).hasSize(count);
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
    }

    private static void assertPageOfTwoHours(CandlePage page) {
        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42288.58", "42300", "42200.1", "42283.88", "301.72543018"),
                new RawCandle("1704070800000", "42283.87", "42480.5", "42250.01", "42450", "103.55"));
        assertThat(page.nextFrom()).isEqualTo(TO);
    }

    @Test
    void rateLimitWaitsWhatRetryAfterSaysThenReturnsThePage() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Public rate limit exceeded\"}"), ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertRequests(2);
        assertThat(heard.lines).containsExactly("coinbase retry 1 after PT7S: " + RANGE + "Public rate limit exceeded (HTTP 429)");
    }

    @Test
    void serverErrorForeverFailsAfterMaxAttempts() {
        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>upstream unavailable</html>"));

        assertThatThrownBy(() -> source().fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "HTTP 503 Service Unavailable (after 5 attempts)");
        assertThat(sleeper.sleeps()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertRequests(5);
    }

    @Test
    void internalErrorBurstThenThePage() {
        ResponseDefinitionBuilder error = aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Internal server error\"}");
        answer(error, error, error, ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(4);
    }

    @Test
    void truncatedBodyAndAValueThatIsNotANumberAreAskedAgain() {
        answer(ok("[[1704070800,42250.01,42480.5,"), ok("[[1704070800,42250.01,\"-\",42283.87,42450,103.55]]"),
                ok(TWO_HOURS));

        assertPageOfTwoHours(source().fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertRequests(3);
        assertThat(heard.lines).hasSize(2);
        assertThat(heard.lines.get(0)).startsWith("coinbase retry 1 after PT1S: " + RANGE + "malformed response body: ");
        assertThat(heard.lines.get(1)).startsWith("coinbase retry 2 after PT2S: " + RANGE
                + "malformed row [1704070800, 42250.01, -, 42283.87, 42450, 103.55]: ");
    }

    @Test
    void readTimeoutAndMalformedChunkAreAskedAgain() {
        answer(ok(TWO_HOURS).withFixedDelay(SLOW_MILLIS), aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok(TWO_HOURS));

        assertPageOfTwoHours(source(SHORT_READ).fetch("BTC/USD", Timeframe.H1, FROM, TO));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertRequests(3);
    }

    @Test
    void badRequestFailsAtOnce() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"granularity too small for the requested time range\"}"));

        assertThatThrownBy(() -> source().fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "granularity too small for the requested time range (HTTP 400)");
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void eleventhRequestInOneSecondWaits() {
        answer(ok(TWO_HOURS));
        ResilientCandleSource source = source();

        for (int i = 0; i < 11; i++) {
            source.fetch("BTC/USD", Timeframe.H1, FROM, TO);
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(11);
    }
}
