package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.KrakenTradesStandIn;
import dev.tradingbatch.readers.exchange.KrakenTradesStandIn.T;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.tradingbatch.readers.exchange.KrakenTradesStandIn.sinceFor;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code backfill --exchange kraken} older than Kraken's OHLC window: candles derived from its public trades. */
class KrakenTradesBackfillTest {

    static final long T0 = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final long M = 60_000;
    static final MarketKey BTC = new MarketKey("kraken", "BTC/USD", Timeframe.H1);
    /** The open candle is hour 723: OHLC serves hours 4..723, everything before comes from trades. */
    static final Instant NOW = Instant.ofEpochMilli(T0 + 723 * H + 10 * M);
    static final String[] BACKFILL = {"backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h",
            "--from", "2023-01-01"};
    /** The cursor after the first page of hour 1: its second page is asked with it. */
    static final String HOUR_1_PAGE_2 = "1672534920000277100";

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension kraken = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    CliRun cli;
    KrakenTradesStandIn trades;

    @BeforeEach
    void start() {
        cli = new CliRun(dir).with("trading.exchanges.kraken.base-url", kraken.baseUrl())
                .with("trading.backfill.chunk-size", 1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        kraken.stubFor(get(urlPathEqualTo(KrakenBackfillTest.OHLC)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(KrakenBackfillTest.ohlc(T0, 4, 723))));
        trades = new KrakenTradesStandIn(kraken.getRuntimeInfo().getWireMock(), "XBTUSD");
        // hour 0: three trades; hour 1: busy, over two pages; hour 2: no trade; hour 3: one; then hour 4
        trades.page(sinceFor(T0), List.of(new T(T0 + M, "16500.10000", "0.10000000"),
                new T(T0 + 20 * M, "16510.0", "0.2"), new T(T0 + 59 * M, "16490.5", "0.00000001"),
                new T(T0 + H + M, "16600.0", "1.5")), "1672534860000277100");
        trades.page(sinceFor(T0 + H), List.of(new T(T0 + H + M, "16600.0", "1.5"),
                new T(T0 + H + 2 * M, "16700.0", "0.5")), HOUR_1_PAGE_2);
        trades.page(sinceFor(T0 + 3 * H), List.of(new T(T0 + 3 * H + 5 * M, "16800.0", "2"),
                new T(T0 + 4 * H, "16900.0", "1")), "1672545600000277100");
        // the OHLC window's first three hours, derived to compare with what OHLC publishes for them (hour h:
        // o 42283.5 h 42554.6 l 42261.0 c 42475.2, volume h / 1000): hour 4 agrees, hour 5's volume differs,
        // hour 6 has no trade though OHLC says it had volume
        trades.page(sinceFor(T0 + 4 * H), List.of(new T(T0 + 4 * H, "42283.5", "0.001"),
                new T(T0 + 4 * H + M, "42554.6", "0.001"), new T(T0 + 4 * H + 2 * M, "42261.0", "0.001"),
                new T(T0 + 4 * H + 3 * M, "42475.2", "0.001"), new T(T0 + 5 * H, "42283.5", "0.006"),
                new T(T0 + 5 * H + M, "42554.6", "0"), new T(T0 + 5 * H + 2 * M, "42261.0", "0"),
                new T(T0 + 5 * H + 3 * M, "42475.2", "0"), new T(T0 + 7 * H, "1", "1")), "1672556400000277100");
    }

    private void hour1Page2() {
        trades.rateLimitedOnce(HOUR_1_PAGE_2, List.of(new T(T0 + H + 30 * M, "16400.0", "0.25"),
                new T(T0 + 3 * H + 5 * M, "16800.0", "2")), "1672542300000277100");
    }

    @Test
    void shouldStoreCandlesDerivedFromTradesBeforeTheOhlcWindowAndMarkThemDerived() {
        hour1Page2();

        CliRun.Result r = cli.run(BACKFILL);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("serves only")
                .contains("4 pages fetched, 722 stored, 0 already present, 0 rejected; 2 candles derived from trades "
                        + "differ from the exchange's (the published kept; see the log)");
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(3 + 719);
        assertCandle(stored.get(0), T0, "16500.1", "16510.0", "16490.5", "16490.5", "0.30000001");
        assertCandle(stored.get(1), T0 + H, "16600.0", "16700.0", "16400.0", "16400.0", "2.25");
        assertCandle(stored.get(2), T0 + 3 * H, "16800.0", "16800.0", "16800.0", "16800.0", "2");
        assertThat(stored.get(3).openTime()).as("then Kraken's own candles").isEqualTo(T0 + 4 * H);
        assertThat(stored.get(4).volume()).as("the published, not the derived").isEqualByComparingTo("0.005");
        assertThat(stored.getLast().openTime()).isEqualTo(T0 + 722 * H);
        assertThat(cli.count("SELECT COUNT(*) FROM derived_candle_ranges")).isEqualTo(1);

        CliRun.Result markets = cli.run("markets");
        assertThat(markets.out()).contains("kraken     BTC/USD      1h        2023-01-01T00:00:00Z "
                + "2023-01-31T02:00:00Z       723       722         1         0         0         3\n");
        assertThat(cli.count("SELECT COUNT(*) FROM gap_asks WHERE range_start = ? AND range_end = ? AND confirmed_empty = 1",
                T0 + 2 * H, T0 + 3 * H)).as("hour 2 had no trade: confirmed empty, not a hole").isEqualTo(1);
    }

    @Test
    void shouldContinueAfterAFailureFromTheFirstIncompleteIntervalStoringNothingTwice() {
        // the first run: hour 1's second page fails for good; the rerun gets it
        kraken.stubFor(get(urlPathEqualTo(KrakenTradesStandIn.TRADES)).withQueryParam("since", equalTo(HOUR_1_PAGE_2))
                .inScenario("outage").whenScenarioStateIs(STARTED).willSetStateTo("over")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":[\"EGeneral:Invalid arguments\"]}")));
        kraken.stubFor(get(urlPathEqualTo(KrakenTradesStandIn.TRADES)).withQueryParam("since", equalTo(HOUR_1_PAGE_2))
                .inScenario("outage").whenScenarioStateIs("over").willReturn(aResponse()
                        .withHeader("Content-Type", "application/json").withBody(
                                "{\"error\":[],\"result\":{\"XXBTZUSD\":[[\"16400.0\",\"0.25\",1672537500.0002771,"
                                        + "\"s\",\"l\",\"\",61044960],[\"16800.0\",\"2\",1672542300.0002771,\"b\",\"m\","
                                        + "\"\",61044961]],\"last\":\"1672542300000277100\"}}")));

        CliRun.Result failed = cli.run(BACKFILL);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("EGeneral:Invalid arguments");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).containsExactly(T0);
        assertThat(cli.run("markets").out()).endsWith("         1\n");

        CliRun.Result rerun = cli.run(BACKFILL);

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("execution 2");
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(722);
        assertCandle(stored.get(1), T0 + H, "16600.0", "16700.0", "16400.0", "16400.0", "2.25");
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isEqualTo(722);
        // hour 0's page was asked once: the rerun started at hour 1, the first interval not complete
        kraken.verify(1, getRequestedFor(urlPathEqualTo(KrakenTradesStandIn.TRADES))
                .withQueryParam("since", equalTo(sinceFor(T0))));
        assertThat(cli.run("markets").out()).endsWith("         3\n");
    }

    @Test
    void shouldFillAGapOlderThanTheOhlcWindowFromTradesAndMarkItDerived() {
        // OHLC without hour 10 (a hole in Kraken's candles), stored from hour 4 on
        String hour10 = "[" + (T0 + 10 * H) / 1000 + ",";
        String ohlc = KrakenBackfillTest.ohlc(T0, 4, 723);
        int at = ohlc.indexOf(hour10);
        kraken.stubFor(get(urlPathEqualTo(KrakenBackfillTest.OHLC)).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(ohlc.substring(0, at) + ohlc.substring(ohlc.indexOf(']', at) + 2))));
        CliRun.Result r = cli.run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h",
                "--from", "2023-01-01T04:00:00Z");
        assertThat(r.out()).as(r.err()).contains("718 stored");
        // a day later hour 10 is older than the OHLC window: the gap is asked from trades
        trades.page(sinceFor(T0 + 10 * H), List.of(new T(T0 + 10 * H + M, "16950.5", "0.5"),
                new T(T0 + 10 * H + 2 * M, "16940.0", "0.25"), new T(T0 + 11 * H, "16999.0", "1")), "1672570800000277100");

        CliRun.Result fill = cli.clock(Clock.fixed(NOW.plusSeconds(24 * 3600), ZoneOffset.UTC))
                .run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h", "--fill-gaps");

        assertThat(fill.exitCode()).as(fill.out() + fill.err()).isZero();
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(719);
        assertCandle(stored.get(6), T0 + 10 * H, "16950.5", "16950.5", "16940.0", "16940.0", "0.75");
        assertThat(cli.run("markets").out()).endsWith("         1\n");
    }

    private static void assertCandle(Candle c, long openTime, String open, String high, String low, String close,
                                     String volume) {
        assertThat(c.openTime()).isEqualTo(openTime);
        assertThat(c.open()).isEqualByComparingTo(open);
        assertThat(c.high()).isEqualByComparingTo(high);
        assertThat(c.low()).isEqualByComparingTo(low);
        assertThat(c.close()).isEqualByComparingTo(close);
        assertThat(c.volume()).isEqualByComparingTo(volume);
    }
}
