package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.exchange.KrakenTradesStandIn.T;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tradingbatch.readers.exchange.KrakenTradesStandIn.sinceFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Kraken candles older than its OHLC window, built from its public trades. */
class KrakenTradesTest {

    private static final long T0 = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final long H = Timeframe.H1.millis();
    private static final long M = 60_000;
    /** Long after T0: the OHLC window starts in 2024, everything asked here is older. */
    private static final Instant NOW = Instant.parse("2024-03-01T00:10:00Z");

    private WireMockServer server;
    private KrakenTradesStandIn trades;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        trades = new KrakenTradesStandIn(new WireMock(server.port()), "XBTUSD");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ResilientCandleSource source() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ExchangeSettings settings = Exchanges.KRAKEN.defaults().withBaseUrl(server.baseUrl());
        return Exchanges.KRAKEN.candleSource(settings, clock, clock, waits::add, (exchange, attempt, delay, reason) -> {
        });
    }

    @Test
    void shouldBuildExactCandlesPageByPageEndingEachFetchAtTheFirstIncompleteInterval() {
        // hour 0: three trades; hour 1: busy, over two pages; hour 2: no trade; hour 3: one trade; then hour 4
        trades.page(sinceFor(T0), List.of(new T(T0 + M, "16500.10000", "0.10000000"),
                new T(T0 + 20 * M, "16510.0", "0.2"), new T(T0 + 59 * M, "16490.5", "0.00000001"),
                new T(T0 + H + M, "16600.0", "1.5")), "1672534860000277100");
        trades.page(sinceFor(T0 + H), List.of(new T(T0 + H + M, "16600.0", "1.5"),
                new T(T0 + H + 2 * M, "16700.0", "0.5")), "1672534920000277100");
        trades.rateLimitedOnce("1672534920000277100", List.of(new T(T0 + H + 30 * M, "16400.0", "0.25"),
                new T(T0 + 3 * H + 5 * M, "16800.0", "2")), "1672542300000277100");
        trades.page(sinceFor(T0 + 3 * H), List.of(new T(T0 + 3 * H + 5 * M, "16800.0", "2"),
                new T(T0 + 4 * H, "16900.0", "1")), "1672545600000277100");
        ResilientCandleSource source = source();
        long to = T0 + 4 * H;

        CandlePage first = source.fetch("BTC/USD", Timeframe.H1, T0, to);
        assertThat(first.candles()).containsExactly(
                new RawCandle(Long.toString(T0), "16500.10000", "16510.0", "16490.5", "16490.5", "0.30000001"));
        assertThat(first.nextFrom()).as("hour 1 is not complete yet").isEqualTo(T0 + H);
        assertThat(first.derived()).isTrue();

        CandlePage second = source.fetch("BTC/USD", Timeframe.H1, first.nextFrom(), to);
        assertThat(second.candles()).containsExactly(
                new RawCandle(Long.toString(T0 + H), "16600.0", "16700.0", "16400.0", "16400.0", "2.25"));
        assertThat(second.nextFrom()).as("hour 2 had no trades: no candle, and no need to ask again")
                .isEqualTo(T0 + 3 * H);

        CandlePage third = source.fetch("BTC/USD", Timeframe.H1, second.nextFrom(), to);
        assertThat(third.candles()).containsExactly(
                new RawCandle(Long.toString(T0 + 3 * H), "16800.0", "16800.0", "16800.0", "16800.0", "2"));
        assertThat(third.nextFrom()).isEqualTo(to);

        assertThat(source.retries()).as("the rate limit error was asked again").isEqualTo(1);
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
        // 1 + 2 + the second fetch again from its first page after the rate limit error + 1
        server.verify(6, getRequestedFor(urlPathEqualTo(KrakenTradesStandIn.TRADES)));
        server.verify(0, getRequestedFor(urlPathEqualTo("/0/public/OHLC")));
    }
}
