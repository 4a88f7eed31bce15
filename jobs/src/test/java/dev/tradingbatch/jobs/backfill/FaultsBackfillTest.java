package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The backfill job riding out what exchanges really do: rate limits, 5xx bursts, truncated bodies. */
class FaultsBackfillTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final Instant NOW = Instant.ofEpochMilli(T0 + 1500 * H + 30 * 60_000);
    static final String[] BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--from", "2024-01-01"};
    static final String PAGE_2 = String.valueOf(T0 + 1000 * H);

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 1501);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void start() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The second page answers with each response in turn, then as Binance normally does. */
    private void secondPageAnswers(ResponseDefinitionBuilder... faults) {
        for (int i = 0; i < faults.length; i++) {
            binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                    .withQueryParam("startTime", equalTo(PAGE_2))
                    .inScenario("page 2").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "fault " + i)
                    .willSetStateTo("fault " + (i + 1))
                    .willReturn(faults[i]));
        }
    }

    @Test
    void shouldWaitWhatRetryAfterSaysOn429And418() {
        secondPageAnswers(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"code\":-1003,\"msg\":\"Too many requests.\"}"),
                aResponse().withStatus(418).withHeader("Retry-After", "120")
                        .withBody("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned.\"}"));

        CliRun.Result r = cli.run(BACKFILL);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 pages fetched, 1500 stored, 0 already present, 0 rejected (COMPLETED");
        assertThat(cli.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(120));
        binance.verify(3, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)).withQueryParam("startTime", equalTo(PAGE_2)));
        assertThat(cli.candles(BTC)).hasSize(1500);
    }

    @Test
    void shouldRetryA503BurstAndATruncatedBodyWithBackoff() {
        secondPageAnswers(aResponse().withStatus(503).withBody("Service Unavailable"),
                aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"),
                aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[[" + (T0 + 1000 * H) + ",\"42010.0"),
                aResponse().withStatus(504).withBody(""));

        CliRun.Result r = cli.run(BACKFILL);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 pages fetched, 1500 stored, 0 already present, 0 rejected (COMPLETED");
        assertThat(cli.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        binance.verify(5, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)).withQueryParam("startTime", equalTo(PAGE_2)));
        assertThat(cli.candles(BTC)).hasSize(1500);
    }

    @Test
    void shouldFailNamingExchangeRangeAndLastErrorWhenRetriesRunOutKeepingWhatWasStored() {
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1).withQueryParam("startTime", equalTo(PAGE_2))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        CliRun.Result r = cli.run(BACKFILL);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("1 page fetched, 1000 stored, 0 already present, 0 rejected (FAILED, execution 1)")
                .contains("failed: binance GET klines BTC/USDT 1h [2024-02-11T16:00:00Z, 2024-03-03T12:00:00Z): "
                        + "HTTP 503 Service Unavailable (after 5 attempts)\n");
        binance.verify(5, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)).withQueryParam("startTime", equalTo(PAGE_2)));
        assertThat(cli.candles(BTC)).hasSize(1000);
        assertThat(cli.run("jobs", "show", "1").out()).contains("  exit message: binance GET klines BTC/USDT 1h "
                + "[2024-02-11T16:00:00Z, 2024-03-03T12:00:00Z): HTTP 503 Service Unavailable (after 5 attempts)");
    }

    @Test
    void shouldTakeTheRetryLimitFromConfiguration() {
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1).withQueryParam("startTime", equalTo(PAGE_2))
                .willReturn(aResponse().withStatus(500).withBody("Internal error")));

        CliRun.Result r = cli.with("trading.exchanges.binance.max-attempts", 2)
                .with("trading.exchanges.binance.initial-backoff", "250ms").run(BACKFILL);

        assertThat(r.out()).contains("(after 2 attempts)");
        assertThat(cli.waits()).containsExactly(Duration.ofMillis(250));
    }
}
