package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrakenCandleSourceTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final String OHLC = "/0/public/OHLC";

    /** Kraken's real shape: legacy result key, [time s, "open", "high", "low", "close", "vwap", "volume", count]. */
    private static final String FOUR_HOURS = """
            {"error":[],"result":{"XXBTZUSD":[\
            [1704067200,"42283.5","42554.6","42261.0","42475.2","42401.7","85.49031237",2871],\
            [1704070800,"42475.2","42775.0","42431.6","42613.5","42620.3","101.07219011",3302],\
            [1704074400,"42613.6","42638.6","42550.0","42580.0","42590.9","44.00000000",1650],\
            [1704078000,"42580.0","42600.0","42570.1","42598.4","42588.2","3.10050000",122]\
            ],"last":1704074400}}""";

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

    private KrakenCandleSource source(Instant now) {
        return new KrakenCandleSource(server.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private void stubOhlc(int status, String body) {
        server.stubFor(get(urlPathEqualTo(OHLC)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void assertOnlyOhlcRequests(int count) {
        assertThat(server.findUnmatchedRequests().getRequests()).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(count)
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).startsWith(OHLC + "?"));
    }

    @Test
    void fetchReturnsExactClosedRowsAndDropsTheOpenLastRow() {
        stubOhlc(200, FOUR_HOURS);

        CandlePage page = source(Instant.parse("2024-01-01T03:10:00Z"))
                .fetch("BTC/USD", Timeframe.H1, FROM, FROM + 24 * HOUR);

        assertThat(page.candles()).containsExactly(
                new RawCandle("1704067200000", "42283.5", "42554.6", "42261.0", "42475.2", "85.49031237"),
                new RawCandle("1704070800000", "42475.2", "42775.0", "42431.6", "42613.5", "101.07219011"),
                new RawCandle("1704074400000", "42613.6", "42638.6", "42550.0", "42580.0", "44.00000000"));
        assertThat(page.nextFrom()).isEqualTo(FROM + 24 * HOUR);
        server.verify(1, getRequestedFor(urlPathEqualTo(OHLC))
                .withQueryParam("pair", equalTo("XBTUSD"))
                .withQueryParam("interval", equalTo("60"))
                .withQueryParam("since", equalTo(Long.toString(FROM / 1000 - 1))));
        assertOnlyOhlcRequests(1);
    }

    @Test
    void lastRowIsDroppedEvenWhenTheClockSaysItClosedAndRangeAndClockFilterTheRest() {
        stubOhlc(200, FOUR_HOURS);
        KrakenCandleSource source = source(Instant.parse("2024-01-01T06:00:00Z"));

        // 03:00 ended by the clock, but Kraken still sends it as the uncommitted last row.
        assertThat(source.fetch("BTC/USD", Timeframe.H1, FROM, FROM + 24 * HOUR).candles())
                .extracting(RawCandle::openTime)
                .containsExactly("1704067200000", "1704070800000", "1704074400000");
        // [01:00, 02:00): only the row opening at 01:00.
        assertThat(source.fetch("BTC/USD", Timeframe.H1, FROM + HOUR, FROM + 2 * HOUR).candles())
                .extracting(RawCandle::openTime)
                .containsExactly("1704070800000");
        // At 01:59 only 00:00 has closed.
        assertThat(source(Instant.parse("2024-01-01T01:59:00Z")).fetch("BTC/USD", Timeframe.H1, FROM, FROM + 24 * HOUR)
                .candles()).extracting(RawCandle::openTime).containsExactly("1704067200000");
        assertOnlyOhlcRequests(3);
    }

    @Test
    void pairNamesUseKrakenAssetCodes() {
        assertThat(KrakenCandleSource.pair("BTC/USD")).isEqualTo("XBTUSD");
        assertThat(KrakenCandleSource.pair("BTC/USDT")).isEqualTo("XBTUSDT");
        assertThat(KrakenCandleSource.pair("ETH/USD")).isEqualTo("ETHUSD");
        assertThat(KrakenCandleSource.pair("eth/btc")).isEqualTo("ETHXBT");
        assertThatThrownBy(() -> KrakenCandleSource.pair("XBTUSD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol 'XBTUSD' is not BASE/QUOTE, e.g. BTC/USDT");
    }

    @Test
    void everyTimeframeMapsToAKrakenInterval() {
        stubOhlc(200, "{\"error\":[],\"result\":{\"XETHZUSD\":[],\"last\":0}}");
        Instant now = Instant.parse("2024-01-02T00:00:00Z");
        KrakenCandleSource source = source(now);

        assertThat(source.exchange()).isEqualTo("kraken");
        assertThat(source.timeframes()).containsExactlyInAnyOrder(Timeframe.values());
        String[] minutes = {"1", "5", "15", "60", "240", "1440"};
        for (int i = 0; i < minutes.length; i++) {
            // from within the OHLC window (1m: its 719 closed minutes), so that OHLC is asked
            long from = Math.max(FROM, KrakenCandleSource.ohlcWindowStart(Timeframe.values()[i], now.toEpochMilli()));
            CandlePage page = source.fetch("ETH/USD", Timeframe.values()[i], from, from + Timeframe.D1.millis());
            assertThat(page.candles()).isEmpty();
            assertThat(page.nextFrom()).isEqualTo(from + Timeframe.D1.millis());
            server.verify(getRequestedFor(urlPathEqualTo(OHLC)).withQueryParam("pair", equalTo("ETHUSD"))
                    .withQueryParam("interval", equalTo(minutes[i])));
        }
        assertOnlyOhlcRequests(6);
    }

    @Test
    void ohlcServesThe719CandlesBeforeTheOpenOneAndTradesEverythingOlder() {
        KrakenCandleSource source = source(Instant.EPOCH);
        long now = Instant.parse("2024-01-31T10:20:00Z").toEpochMilli();

        assertThat(KrakenCandleSource.ohlcWindowStart(Timeframe.H1, now))
                .isEqualTo(Instant.parse("2024-01-31T10:00:00Z").toEpochMilli() - 719 * HOUR);
        assertThat(KrakenCandleSource.ohlcWindowStart(Timeframe.D1, now))
                .isEqualTo(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli() - 719 * Timeframe.D1.millis());
        assertThat(source.earliestAvailable(Timeframe.H1, now)).as("no limit: trades serve the rest").isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownPairIsReportedAsSuch() {
        stubOhlc(200, "{\"error\":[\"EQuery:Unknown asset pair\"]}");
        KrakenCandleSource source = source(Instant.parse("2024-01-02T00:00:00Z"));

        assertThatThrownBy(() -> source.checkSymbol("FOO/USD", Timeframe.H1))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("kraken does not list symbol 'FOO/USD'");
        assertThatThrownBy(() -> source.fetch("FOO/USD", Timeframe.H1, FROM, FROM + HOUR))
                .isInstanceOf(UnknownSymbolException.class);
        // checkSymbol: since = now in epoch seconds, so Kraken answers with the open candle only.
        server.verify(getRequestedFor(urlPathEqualTo(OHLC)).withQueryParam("pair", equalTo("FOOUSD"))
                .withQueryParam("interval", equalTo("60")).withQueryParam("since", equalTo("1704153600")));
        assertOnlyOhlcRequests(2);
    }

    @Test
    void krakenErrorsSayWhetherAskingAgainMayHelp() {
        KrakenCandleSource source = source(Instant.parse("2024-01-02T00:00:00Z"));
        String[][] cases = {
                {"EAPI:Rate limit exceeded", "throttled"},
                {"EService:Busy", "temporary"},
                {"EGeneral:Invalid arguments", "permanent"}};
        for (String[] c : cases) {
            stubOhlc(200, "{\"error\":[\"" + c[0] + "\"]}");
            ExchangeFailure expected = switch (c[1]) {
                case "throttled" -> ExchangeFailure.throttled(Optional.empty());
                case "temporary" -> ExchangeFailure.temporary();
                default -> ExchangeFailure.permanent();
            };
            assertThatThrownBy(() -> source.fetch("BTC/USD", Timeframe.H1, FROM, FROM + HOUR))
                    .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).as(c[0]).isEqualTo(expected))
                    .hasMessage("kraken GET OHLC BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-01T01:00:00Z): " + c[0]);
        }
    }

    @Test
    void otherKrakenErrorsAreExchangeExceptions() {
        stubOhlc(200, "{\"error\":[\"EService:Unavailable\"]}");

        assertThatThrownBy(() -> source(Instant.parse("2024-01-02T00:00:00Z"))
                .fetch("BTC/USD", Timeframe.H4, FROM, FROM + Timeframe.D1.millis()))
                .isInstanceOf(ExchangeException.class)
                .hasMessage("kraken GET OHLC BTC/USD 4h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): EService:Unavailable");
    }

    @Test
    void serverErrorNamesExchangeSymbolAndRange() {
        stubOhlc(502, "<html><body>502 Bad Gateway</body></html>");

        assertThatThrownBy(() -> source(Instant.parse("2024-01-02T00:00:00Z"))
                .fetch("BTC/USDT", Timeframe.H1, FROM, FROM + 24 * HOUR))
                .isInstanceOf(ExchangeException.class)
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.temporary()))
                .hasMessage("kraken GET OHLC BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): HTTP 502 Bad Gateway");
        server.verify(getRequestedFor(urlPathEqualTo(OHLC)).withQueryParam("pair", equalTo("XBTUSDT")));
        assertOnlyOhlcRequests(1);
    }
}
