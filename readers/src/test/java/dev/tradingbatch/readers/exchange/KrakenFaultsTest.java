package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.tradingbatch.model.RawCandle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken OHLC under faults; besides the contract, Kraken reports its own trouble inside an HTTP 200
 * ({@code {"error":["EService:Unavailable"]}}), which is retried like a 5xx.
 */
class KrakenFaultsTest extends AbstractCandleSourceFaultsTest {

    private static final long TO = FROM + 24 * HOUR;
    private static final String OHLC = "/0/public/OHLC";
    private static final Instant NOW = Instant.parse("2024-01-01T02:30:00Z");

    KrakenFaultsTest() {
        super(Exchanges.KRAKEN, "BTC/USD", TO, NOW);
    }

    /** Two closed hours and the open one Kraken always sends last. */
    @Override
    String pageOfTwoHours() {
        return """
                {"error":[],"result":{"XXBTZUSD":[\
                [1704067200,"42283.5","42554.6","42261.0","42475.2","42401.7","85.49031237",2871],\
                [1704070800,"42475.2","42775.0","42431.6","42613.5","42620.3","101.07219011",3302],\
                [1704074400,"42613.6","42638.6","42550.0","42580.0","42590.9","44.00000000",1650]\
                ],"last":1704070800}}""";
    }

    @Override
    List<RawCandle> twoHours() {
        return List.of(
                new RawCandle("1704067200000", "42283.5", "42554.6", "42261.0", "42475.2", "85.49031237"),
                new RawCandle("1704070800000", "42475.2", "42775.0", "42431.6", "42613.5", "101.07219011"));
    }

    @Override
    RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(OHLC))
                .withQueryParam("pair", equalTo("XBTUSD"))
                .withQueryParam("interval", equalTo("60"))
                .withQueryParam("since", equalTo(Long.toString(FROM / 1000 - 1)));
    }

    /** since = now keeps the answer to the open candle; a retry goes a second later, after its backoff. */
    @Override
    RequestPatternBuilder symbolCheckRequest() {
        return getRequestedFor(urlPathEqualTo(OHLC))
                .withQueryParam("pair", equalTo("XBTUSD"))
                .withQueryParam("interval", equalTo("60"))
                .withQueryParam("since", equalTo(Long.toString(NOW.getEpochSecond()))
                        .or(equalTo(Long.toString(NOW.getEpochSecond() + 1))));
    }

    @Override
    String failurePrefix() {
        return "kraken GET OHLC BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ";
    }

    @Override
    ResponseDefinitionBuilder tooManyRequests(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Retry-After", retryAfterSeconds);
    }

    @Override
    String tooManyRequestsReason() {
        return "HTTP 429 Too Many Requests";
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>");
    }

    @Override
    String serverErrorReason() {
        return "HTTP 502 Bad Gateway";
    }

    @Override
    String truncatedPage() {
        return "{\"error\":[],\"result\":{\"XXBTZUSD\":[[1704067200,\"42283.5";
    }

    @Override
    String pageWithAValueThatIsNotANumber() {
        return """
                {"error":[],"result":{"XXBTZUSD":[\
                [1704067200,"42283.5","NaN?","42261.0","42475.2","42401.7","85.49031237",2871]\
                ],"last":1704067200}}""";
    }

    @Override
    String notANumberReason() {
        return "malformed response body: ";
    }

    private static ResponseDefinitionBuilder krakenError(String error) {
        return ok("{\"error\":[\"" + error + "\"]}");
    }

    @Override
    ResponseDefinitionBuilder badRequest() {
        return krakenError("EGeneral:Invalid arguments");
    }

    @Override
    String badRequestReason() {
        return "EGeneral:Invalid arguments";
    }

    @Override
    ResponseDefinitionBuilder unknownSymbol() {
        return krakenError("EQuery:Unknown asset pair");
    }

    @Test
    void rateLimitErrorBacksOffThenReturnsThePage() {
        answer(krakenError("EAPI:Rate limit exceeded"), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertRequests(2);
        assertThat(heard.lines).containsExactly("kraken retry 1 after PT1S: " + failurePrefix() + "EAPI:Rate limit exceeded");
    }

    @Test
    void serviceErrorsInsideAnAnswerBackOffLikeA5xx() {
        answer(krakenError("EService:Unavailable"), serverError(), krakenError("EService:Busy"), ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(4);
        assertThat(heard.lines).containsExactly(
                "kraken retry 1 after PT1S: " + failurePrefix() + "EService:Unavailable",
                "kraken retry 2 after PT2S: " + failurePrefix() + "HTTP 502 Bad Gateway",
                "kraken retry 3 after PT4S: " + failurePrefix() + "EService:Busy");
    }
}
