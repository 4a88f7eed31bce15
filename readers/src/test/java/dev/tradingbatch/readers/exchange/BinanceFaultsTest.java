package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.readers.ExchangeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binance klines under faults; besides the contract, its 418 ban and its own count of the weight used. */
class BinanceFaultsTest extends AbstractCandleSourceFaultsTest {

    private static final long TO = FROM + 24 * HOUR;
    private static final String KLINES = "/api/v3/klines";

    BinanceFaultsTest() {
        super(Exchanges.BINANCE, "BTC/USDT", TO, Instant.parse("2024-02-01T00:00:00Z"));
    }

    private static String kline(long open, String o, String h, String l, String c) {
        return BinanceKlines.row(open, HOUR, o, h, l, c, "1271.68108000");
    }

    @Override
    String pageOfTwoHours() {
        return BinanceKlines.page(kline(FROM, "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000"),
                kline(FROM + HOUR, "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000"));
    }

    @Override
    List<RawCandle> twoHours() {
        return List.of(
                new RawCandle("1704067200000", "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                new RawCandle("1704070800000", "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1271.68108000"));
    }

    @Override
    RequestPatternBuilder fetchRequest() {
        return getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h"))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("startTime", equalTo(Long.toString(FROM)))
                .withQueryParam("endTime", equalTo(Long.toString(TO - 1)));
    }

    @Override
    RequestPatternBuilder symbolCheckRequest() {
        return getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h")).withQueryParam("limit", equalTo("1"));
    }

    @Override
    String failurePrefix() {
        return "binance GET klines BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ";
    }

    @Override
    ResponseDefinitionBuilder tooManyRequests(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Retry-After", retryAfterSeconds)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 6000 requests per minute.\"}");
    }

    @Override
    String tooManyRequestsReason() {
        return "Too many requests; current limit of IP is 6000 requests per minute. (HTTP status code: 429)";
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return status(503);
    }

    @Override
    String serverErrorReason() {
        return "HTTP 503 Service Unavailable";
    }

    @Override
    String truncatedPage() {
        return "[[1704067200000,\"42000.0";
    }

    @Override
    String pageWithAValueThatIsNotANumber() {
        return BinanceKlines.page(kline(FROM, "42283.58000000", "NaN?", "42261.02000000", "42475.23000000"));
    }

    @Override
    String notANumberReason() {
        return "malformed row ";
    }

    @Override
    ResponseDefinitionBuilder badRequest() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1104,\"msg\":\"Not all sent parameters were read.\"}");
    }

    @Override
    String badRequestReason() {
        return "Not all sent parameters were read. (HTTP status code: 400)";
    }

    @Override
    ResponseDefinitionBuilder unknownSymbol() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    /** 6000 weight per minute would take 3000 requests to spend: 10 per minute at klines' weight of 2. */
    @Override
    RateBudget budget() {
        return new RateBudget(10, Duration.ofMinutes(1), 2);
    }

    @Test
    void ipBanWaitsWhatRetryAfterSaysThenReturnsThePage() {
        answer(aResponse().withStatus(418).withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1706745720000.\"}"),
                ok(pageOfTwoHours()));

        assertPageOfTwoHours(fetch(source()));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(120));
        assertRequests(2);
    }

    @Test
    void banLongerThanAllowedFailsAtOnce() {
        answer(aResponse().withStatus(418).withHeader("Retry-After", "7200").withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1706752800000.\"}"));

        assertThatThrownBy(() -> fetch(source()))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(failurePrefix() + "Way too much request weight used; IP banned until 1706752800000. (HTTP status code: 418)"
                        + " (exchange asks to wait 7200 s, more than the 900 s allowed; after 1 attempt)");
        assertThat(sleeper.sleeps()).isEmpty();
        assertRequests(1);
    }

    @Test
    void weightUsedByOthersOnThisIpCountsAgainstTheBudget() {
        // Binance says 5999 of 6000 were used this minute although this process sent one request.
        answer(ok(pageOfTwoHours()).withHeader("X-MBX-USED-WEIGHT-1M", "5999"));
        ResilientCandleSource source = source();

        fetch(source);
        clock.advance(Duration.ofSeconds(20));
        fetch(source);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(40));
        assertRequests(2);
    }
}
