package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.readers.exchange.MarketRulesAnswers;
import dev.tradingbatch.readers.exchange.BinanceKlines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The backfill command against a local server answering like Binance's /api/v3/klines. */
class BinanceBackfillTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final String KLINES = "/api/v3/klines";
    /** 1500 closed hourly candles since T0; the one opening at T0 + 1500h is still open. */
    static final Instant NOW = Instant.ofEpochMilli(T0 + 1500 * H + 30 * 60_000);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    CliRun cli;

    @BeforeEach
    void start() {
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        // the symbol check asks for the newest candle
        stubKlines(null, klines(T0 + 1500 * H, 1));
        stubKlines(T0, klines(T0, 1000));
        // the second page also carries the still-open candle, and one row with high < low
        stubKlines(T0 + 1000 * H, klines(T0 + 1000 * H, 501).replace(
                row(T0 + 1200 * H), row(T0 + 1200 * H).replace("\"42100.50000000\"", "\"41000.00000000\"")));
        // the market's order rules, cached after the candles
        binance.stubFor(get(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(MarketRulesAnswers.BINANCE_BTCUSDT)));
    }

    @Test
    void shouldStoreEveryClosedCandleExactlyAsBinanceSentIt() {
        CliRun.Result r = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("backfill binance BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-03-03T12:00:00Z): "
                + "2 pages fetched, 1499 stored, 0 already present, 1 rejected (COMPLETED");
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(1499);
        assertThat(stored.getFirst()).satisfies(c -> assertCandle(c, T0, 0));
        assertThat(stored.get(999)).satisfies(c -> assertCandle(c, T0 + 999 * H, 999));
        assertThat(stored.getLast().openTime()).as("the open candle is not stored").isEqualTo(T0 + 1499 * H);
        assertThat(stored).extracting(Candle::openTime).doesNotContain(T0 + 1200 * H);
        assertThat(cli.query("SELECT open_time, reason FROM rejected_candles")).containsExactly(
                Map.of("open_time", String.valueOf(T0 + 1200 * H),
                        "reason", "high 41000.00000000 < low 41900.01000000"));
        binance.verify(1, getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("startTime", equalTo(String.valueOf(T0)))
                .withQueryParam("endTime", equalTo(String.valueOf(T0 + 1500 * H - 1)))
                .withQueryParam("limit", equalTo("1000")).withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("1h")));
        binance.verify(1, getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H))));
        binance.verify(3, getRequestedFor(urlPathEqualTo(KLINES)));
        assertThat(binance.findUnmatchedRequests().getRequests()).isEmpty();
    }

    @Test
    void shouldContinueIncrementallyAskingAtMostOnePage() {
        cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h", "--from", "2024-01-01");
        binance.resetRequests();

        CliRun.Result again = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("nothing to backfill: binance BTC/USDT 1h is stored up to 2024-03-03T11:00:00Z");
        binance.verify(0, getRequestedFor(urlPathEqualTo(KLINES)));

        // two hours later: the candles opening at 1500h and 1501h have closed
        stubKlines(T0 + 1500 * H, klines(T0 + 1500 * H, 3));
        CliRun.Result later = cli.clock(Clock.fixed(NOW.plusSeconds(2 * 3600), ZoneOffset.UTC))
                .run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h");

        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(later.out()).contains("1 page fetched, 2 stored, 0 already present, 0 rejected");
        binance.verify(1, getRequestedFor(urlPathEqualTo(KLINES)));
        assertThat(cli.candles(BTC)).hasSize(1501).last().extracting(Candle::openTime).isEqualTo(T0 + 1501 * H);
    }

    @Test
    void shouldStoreNothingTwiceWhenTheSameRangeRunsAgain() {
        cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h", "--from", "2024-01-01");

        CliRun.Result again = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");
        CliRun.Result overlapping = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
                "--timeframe", "1h", "--from", "2024-02-11T16:00:00Z");

        assertThat(again.out()).contains("was completed by an earlier run");
        assertThat(overlapping.out()).contains("1 page fetched, 0 stored, 499 already present, 1 rejected");
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(1499);
        assertThat(cli.count("SELECT COUNT(*) FROM rejected_candles")).isEqualTo(1);
    }

    @Test
    void shouldRestartAFailedRunWhereItStopped() {
        binance.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H)))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        CliRun.Result failed = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("1 page fetched, 1000 stored, 0 already present, 0 rejected (FAILED")
                .contains("failed: binance GET klines BTC/USDT 1h [2024-02-11T16:00:00Z, 2024-03-03T12:00:00Z)");
        assertThat(cli.candles(BTC)).hasSize(1000);

        stubKlines(T0 + 1000 * H, klines(T0 + 1000 * H, 501));
        binance.resetRequests();
        CliRun.Result restarted = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
                "--timeframe", "1h", "--from", "2024-01-01");

        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.out()).contains("2 pages fetched, 1500 stored, 0 already present, 0 rejected (COMPLETED");
        binance.verify(1, getRequestedFor(urlPathEqualTo(KLINES)));
        binance.verify(1, getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H))));
        assertThat(cli.candles(BTC)).hasSize(1500);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
    }

    @Test
    void shouldNameTheExchangeWhenItCannotBeReached() {
        CliRun.Result r = new CliRun(dir).with("trading.exchanges.binance.base-url", "http://127.0.0.1:9")
                .run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("failed: binance GET klines BTC/USDT 1h (symbol check): ")
                .contains("Connection refused");
    }

    private static void assertCandle(Candle c, long openTime, int i) {
        assertThat(c.openTime()).isEqualTo(openTime);
        assertThat(c.open()).isEqualByComparingTo(open(i));
        assertThat(c.high()).isEqualByComparingTo("42100.50000000");
        assertThat(c.low()).isEqualByComparingTo("41900.01000000");
        assertThat(c.close()).isEqualByComparingTo(open(i).add(new BigDecimal("0.01")));
        assertThat(c.volume()).isEqualByComparingTo(volume(i));
    }

    static BigDecimal open(int i) {
        return new BigDecimal("42000.00").add(new BigDecimal(i).movePointLeft(2));
    }

    static BigDecimal volume(int i) {
        return new BigDecimal("12.34567").add(new BigDecimal(i).movePointLeft(5));
    }

    /** The row of the candle opening at {@code openTime}: high and low fixed, open, close and volume by its index. */
    static String row(long openTime) {
        int i = (int) ((openTime - T0) / H);
        return BinanceKlines.row(openTime, H, open(i).setScale(8).toPlainString(), "42100.50000000", "41900.01000000",
                open(i).add(new BigDecimal("0.01")).setScale(8).toPlainString(), volume(i).setScale(8).toPlainString());
    }

    static String klines(long from, int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(from + i * H));
        }
        return BinanceKlines.page(rows);
    }

    private void stubKlines(Long startTime, String body) {
        var request = get(urlPathEqualTo(KLINES));
        request = startTime == null ? request.withQueryParam("limit", equalTo("1"))
                : request.withQueryParam("startTime", equalTo(String.valueOf(startTime)));
        binance.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }
}
