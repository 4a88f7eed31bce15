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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every exchange's candle source, built from its {@link Exchanges} entry, does when the exchange
 * misbehaves: throttling waits what the exchange asks, temporary failures back off 1, 2, 4, 8 s for
 * at most five attempts, the final failure names the request and its last error, permanent failures
 * are not retried, and requests keep within the exchange's budget. A local WireMock server stands in
 * for the exchange (as in XChange's {@code AbstractResilienceTest}); waits are recorded and move a
 * test clock on, never slept. A subclass says only how its exchange answers: its page of two closed
 * hours (1h candles from {@link #FROM}) and its error bodies.
 */
abstract class AbstractCandleSourceFaultsTest {

    static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long HOUR = Timeframe.H1.millis();

    /** Generous, so that a loaded machine answering its first request never times out by accident. */
    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** For the timeout tests: a read timeout short enough for a test, and an answer that comes later. */
    private static final HttpTimeouts SHORT_READ = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400));
    private static final int SLOW_MILLIS = 1000;

    final TestClock clock;
    final RecordingSleeper sleeper;
    final Responses.Heard heard = new Responses.Heard();
    WireMockServer server;

    private final Exchange exchange;
    private final String symbol;
    private final long to;

    /** The source reads {@code symbol} 1h candles of {@code [FROM, to)} at {@code now}. */
    AbstractCandleSourceFaultsTest(Exchange exchange, String symbol, long to, Instant now) {
        this.exchange = exchange;
        this.symbol = symbol;
        this.to = to;
        this.clock = new TestClock(now);
        this.sleeper = new RecordingSleeper(clock);
    }

    /** The exchange's answer with the two closed hours of {@link #twoHours()} (and whatever else it sends). */
    abstract String pageOfTwoHours();

    /** The candles of {@link #pageOfTwoHours()}, exactly as the exchange wrote them. */
    abstract List<RawCandle> twoHours();

    /** The request of a fetch of {@code [FROM, to)}, every query parameter exact. */
    abstract RequestPatternBuilder fetchRequest();

    /** The request of a symbol check of the symbol read at the test clock's start. */
    abstract RequestPatternBuilder symbolCheckRequest();

    /** How every failure of a fetch begins: exchange, endpoint, symbol, timeframe and range. */
    abstract String failurePrefix();

    /** HTTP 429 with the exchange's own body. */
    abstract ResponseDefinitionBuilder tooManyRequests(String retryAfterSeconds);

    /** How the failure of {@link #tooManyRequests} is worded after the prefix. */
    abstract String tooManyRequestsReason();

    /** A failure of the exchange's own (a 5xx). */
    abstract ResponseDefinitionBuilder serverError();

    abstract String serverErrorReason();

    /** A page cut off in the middle. */
    abstract String truncatedPage();

    /** A page whose one row has a value that is not a number. */
    abstract String pageWithAValueThatIsNotANumber();

    /** How the failure of {@link #pageWithAValueThatIsNotANumber} begins after the prefix. */
    abstract String notANumberReason();

    /** The exchange refusing the request for good (an invalid parameter). */
    abstract ResponseDefinitionBuilder badRequest();

    abstract String badRequestReason();

    /** The exchange's answer to a symbol it does not list, FOO/BAR. */
    abstract ResponseDefinitionBuilder unknownSymbol();

    /** The request budget of the budget test: the exchange's own unless it is too large to spend in a test. */
    RateBudget budget() {
        return exchange.defaults().budget();
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    ResilientCandleSource source(RateBudget budget, HttpTimeouts timeouts) {
        ExchangeSettings settings = exchange.defaults().withBaseUrl(server.baseUrl()).withBudget(budget)
                .withTimeouts(timeouts);
        return exchange.candleSource(settings, clock, clock, sleeper, heard);
    }

    ResilientCandleSource source() {
        return source(exchange.defaults().budget(), TIMEOUTS);
    }

    CandlePage fetch(ResilientCandleSource source) {
        return source.fetch(symbol, Timeframe.H1, FROM, to);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body>" + status + "</body></html>");
    }

    /** Answers successive requests with {@code responses} in order; the last one keeps being served. */
    void answer(ResponseDefinitionBuilder... responses) {
        Responses.inOrder(server, () -> get(anyUrl()), responses);
    }

    void assertPageOfTwoHours(CandlePage page) {
        assertThat(page.candles()).containsExactlyElementsOf(twoHours());
        assertThat(page.nextFrom()).isEqualTo(to);
    }

    /** Exactly {@code count} requests were made, each the fetch's. */
    void assertRequests(int count) {
        server.verify(count, fetchRequest());
        assertThat(server.getAllServeEvents()).hasSize(count);
    }

    private static List<Duration> seconds(long... waits) {
        return Arrays.stream(waits).mapToObj(Duration::ofSeconds).toList();
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterSaysThenReturnsThePage() {
        answer(tooManyRequests("7"), ok(pageOfTwoHours()));
        ResilientCandleSource source = source();

        assertPageOfTwoHours(fetch(source));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertRequests(2);
        assertThat(source.retries()).isEqualTo(1);
        assertThat(heard.lines).containsExactly(exchange.name() + " retry 1 after PT7S: " + failurePrefix()
                + tooManyRequestsReason());
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOff() {
        answer(status(429), status(429), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactlyElementsOf(seconds(1, 2));
        assertRequests(3);
    }

    @Test
    void serverErrorBurstBacksOffOneTwoFourSecondsThenReturnsThePage() {
        answer(serverError(), serverError(), serverError(), ok(pageOfTwoHours()));
        ResilientCandleSource source = source();

        assertPageOfTwoHours(fetch(source));

        assertThat(sleeper.sleeps()).containsExactlyElementsOf(seconds(1, 2, 4));
        assertRequests(4);
        assertThat(source.retries()).isEqualTo(3);
        assertThat(heard.lines).containsExactly(
                exchange.name() + " retry 1 after PT1S: " + failurePrefix() + serverErrorReason(),
                exchange.name() + " retry 2 after PT2S: " + failurePrefix() + serverErrorReason(),
                exchange.name() + " retry 3 after PT4S: " + failurePrefix() + serverErrorReason());
    }

    @Test
    void serverErrorForeverFailsAfterMaxAttemptsNamingRangeAndLastError() {
        answer(serverError());

        assertThatThrownBy(() -> fetch(source()))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(failurePrefix() + serverErrorReason() + " (after 5 attempts)");
        assertThat(sleeper.sleeps()).containsExactlyElementsOf(seconds(1, 2, 4, 8));
        assertRequests(5);
    }

    @Test
    void truncatedBodyIsAskedAgain() {
        answer(ok(truncatedPage()), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).singleElement().asString().startsWith(exchange.name() + " retry 1 after PT1S: "
                + failurePrefix() + "malformed response body: Unexpected end-of-input");
    }

    @Test
    void valueThatIsNotANumberIsAskedAgain() {
        answer(ok(pageWithAValueThatIsNotANumber()), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).singleElement().asString().startsWith(exchange.name() + " retry 1 after PT1S: "
                + failurePrefix() + notANumberReason());
    }

    @Test
    void connectionResetIsAskedAgain() {
        // The JDK's HttpURLConnection itself resends a GET once when the connection drops before the
        // status line: two resets make one failed attempt of ours.
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(3);
        assertThat(heard.lines).containsExactly(exchange.name() + " retry 1 after PT1S: " + failurePrefix()
                + "Connection reset");
    }

    @Test
    void malformedResponseChunkIsAskedAgain() {
        answer(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
    }

    @Test
    void readTimeoutIsAskedAgain() {
        answer(ok(pageOfTwoHours()).withFixedDelay(SLOW_MILLIS), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source(exchange.defaults().budget(), SHORT_READ)));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).containsExactly(exchange.name() + " retry 1 after PT1S: " + failurePrefix()
                + "Read timed out");
    }

    @Test
    void differentFaultsInARowBackOffInTurnUntilThePage() {
        answer(ok(truncatedPage()),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                ok(pageOfTwoHours()).withFixedDelay(SLOW_MILLIS),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source(exchange.defaults().budget(), SHORT_READ)));

        assertThat(sleeper.sleeps()).containsExactlyElementsOf(seconds(1, 2, 4, 8));
        assertRequests(6);
    }

    @Test
    void badRequestFailsAtOnceWithTheExchangesOwnMessage() {
        answer(badRequest());

        assertThatThrownBy(() -> fetch(source()))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(failurePrefix() + badRequestReason());
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void unknownSymbolIsNotRetried() {
        answer(unknownSymbol());
        ResilientCandleSource source = source();

        assertThatThrownBy(() -> source.checkSymbol("FOO/BAR", Timeframe.H1))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage(exchange.name() + " does not list symbol 'FOO/BAR'");
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(source.retries()).isZero();
    }

    @Test
    void symbolCheckIsRetriedToo() {
        answer(status(502), ok(pageOfTwoHours()));

        source().checkSymbol(symbol, Timeframe.H1);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        server.verify(2, symbolCheckRequest());
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void requestsBeyondTheBudgetWaitForItsWindow() {
        answer(ok(pageOfTwoHours()));
        RateBudget budget = budget();
        int perWindow = (int) (budget.limit() / budget.requestWeight());
        ResilientCandleSource source = source(budget, TIMEOUTS);

        // A window's worth goes at once; the next request waits a window, and so on.
        List<Integer> waitsSoFar = new ArrayList<>();
        for (int i = 0; i < 2 * perWindow + 1; i++) {
            assertPageOfTwoHours(fetch(source));
            waitsSoFar.add(sleeper.sleeps().size());
        }

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2 * perWindow + 1; i++) {
            expected.add(i < perWindow ? 0 : i < 2 * perWindow ? 1 : 2);
        }
        assertThat(waitsSoFar).as("waits made once each request was answered").isEqualTo(expected);
        assertThat(sleeper.sleeps()).containsExactly(budget.window(), budget.window());
        assertThat(heard.lines).containsExactlyElementsOf(
                Collections.nCopies(2, exchange.name() + " budget wait " + budget.window()));
        assertRequests(2 * perWindow + 1);
        assertThat(source.retries()).isZero();
    }
}
