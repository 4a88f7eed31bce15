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

/** Coinbase candles under faults; besides the contract, its JSON error bodies on a 5xx. */
class CoinbaseFaultsTest extends AbstractCandleSourceFaultsTest {

    private static final long TO = FROM + 3 * HOUR;
    private static final String CANDLES = "/products/BTC-USD/candles";

    CoinbaseFaultsTest() {
        super(Exchanges.COINBASE, "BTC/USD", TO, Instant.parse("2024-03-01T00:00:00Z"));
    }

    /** Coinbase's shape: [time s, low, high, open, close, volume], newest first, JSON numbers; 02:00 had no trades. */
    @Override
    String pageOfTwoHours() {
        return "[[1704070800,42250.01,42480.5,42283.87,42450,103.55],"
                + "[1704067200,42200.1,42300,42288.58,42283.88,301.72543018]]";
    }

    @Override
    List<RawCandle> twoHours() {
        return List.of(
                new RawCandle("1704067200000", "42288.58", "42300", "42200.1", "42283.88", "301.72543018"),
                new RawCandle("1704070800000", "42283.87", "42480.5", "42250.01", "42450", "103.55"));
    }

    @Override
    RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(CANDLES))
                .withQueryParam("start", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-01T02:00:00Z"))
                .withQueryParam("granularity", equalTo("3600"));
    }

    /** One candle, the last closed at the clock's start: start and end are both inclusive. */
    @Override
    RequestPatternBuilder symbolCheckRequest() {
        return getRequestedFor(urlPathEqualTo(CANDLES))
                .withQueryParam("start", equalTo("2024-02-29T23:00:00Z"))
                .withQueryParam("end", equalTo("2024-02-29T23:00:00Z"))
                .withQueryParam("granularity", equalTo("3600"));
    }

    @Override
    String failurePrefix() {
        return "coinbase GET candles BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-01T03:00:00Z): ";
    }

    @Override
    ResponseDefinitionBuilder tooManyRequests(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Retry-After", retryAfterSeconds)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Public rate limit exceeded\"}");
    }

    @Override
    String tooManyRequestsReason() {
        return "Public rate limit exceeded (HTTP 429)";
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>upstream unavailable</html>");
    }

    @Override
    String serverErrorReason() {
        return "HTTP 503 Service Unavailable";
    }

    @Override
    String truncatedPage() {
        return "[[1704070800,42250.01,42480.5,";
    }

    @Override
    String pageWithAValueThatIsNotANumber() {
        return "[[1704070800,42250.01,\"-\",42283.87,42450,103.55]]";
    }

    @Override
    String notANumberReason() {
        return "malformed row [1704070800, 42250.01, -, 42283.87, 42450, 103.55]: ";
    }

    @Override
    ResponseDefinitionBuilder badRequest() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"granularity too small for the requested time range\"}");
    }

    @Override
    String badRequestReason() {
        return "granularity too small for the requested time range (HTTP 400)";
    }

    @Override
    ResponseDefinitionBuilder unknownSymbol() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\":\"NotFound\"}");
    }

    @Test
    void internalErrorWithJsonBodyBacksOffThenReturnsThePage() {
        ResponseDefinitionBuilder error = aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Internal server error\"}");
        answer(error, error, error, ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertRequests(4);
    }
}
