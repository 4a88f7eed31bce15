package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.jobs.JobNames;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Candle;
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
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Gap listing and gap filling against a Binance that misses candles (maintenance windows). */
class GapsTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final Instant NOW = Instant.ofEpochMilli(T0 + 300 * H + 30 * 60_000);
    static final String[] FILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--fill-gaps"};

    /** Hours 0..299 exist, except two maintenance windows: hours 100-103 and 200-209. */
    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 300).withhold(100, 104).withhold(200, 210);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void backfillWithHoles() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        CliRun.Result r = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");
        assertThat(r.out()).contains("286 stored");
        binance.resetRequests();
    }

    @Test
    void shouldListEveryMissingRangeWithItsLengthAndStatus() {
        CliRun.Result r = cli.run("gaps");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                binance BTC/USDT 1h  2024-01-01T00:00:00Z .. 2024-01-13T11:00:00Z  286 stored, 2 gaps (14 candles missing)
                  START (UTC)            END (UTC, excl.)        MISSING  STATUS
                  2024-01-05T04:00:00Z   2024-01-05T08:00:00Z          4  open, never asked
                  2024-01-09T08:00:00Z   2024-01-09T18:00:00Z         10  open, never asked
                """);
        binance.verify(0, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
    }

    @Test
    void shouldAskOnlyTheMissingRangesAndConfirmARangeEmptyAfterThreeEmptyAnswers() {
        exchange.serve(100, 104).serve(205, 207);   // the exchange now has the first window and part of the second

        CliRun.Result first = cli.run(FILL);

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("fill gaps binance BTC/USDT 1h: 2 pages fetched, 6 stored, 0 already present, "
                + "0 rejected; 2 ranges asked: 1 filled, 1 partly filled, 0 still empty (0 now confirmed empty) (COMPLETED");
        binance.verify(2, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
        verifyAsked(100, 104);
        verifyAsked(200, 210);
        assertThat(cli.candles(BTC)).hasSize(292).extracting(Candle::openTime)
                .contains(T0 + 100 * H, T0 + 103 * H, T0 + 205 * H, T0 + 206 * H);
        assertThat(cli.run("gaps").out()).contains("2 gaps (8 candles missing)")
                .contains("2024-01-09T08:00:00Z   2024-01-09T13:00:00Z          5  open, asked 1 of 3 times")
                .contains("2024-01-09T15:00:00Z   2024-01-09T18:00:00Z          3  open, asked 1 of 3 times");

        binance.resetRequests();
        assertThat(cli.run(FILL).out()).contains("2 ranges asked: 0 filled, 0 partly filled, 2 still empty (0 now confirmed empty)");
        CliRun.Result third = cli.run(FILL);
        assertThat(third.out()).contains("2 ranges asked: 0 filled, 0 partly filled, 2 still empty (2 now confirmed empty)");
        binance.verify(4, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
        verifyAsked(200, 205);
        verifyAsked(207, 210);

        binance.resetRequests();
        CliRun.Result fourth = cli.run(FILL);
        assertThat(fourth.out()).contains("no gaps to fill in binance BTC/USDT 1h");
        binance.verify(0, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
        assertThat(cli.run("gaps", "--exchange", "binance").out())
                .contains("292 stored, 0 gaps (0 candles missing), 2 confirmed empty")
                .contains("2024-01-09T08:00:00Z   2024-01-09T13:00:00Z          5  confirmed empty (asked 3 times)");
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).as("nothing invented").isEqualTo(292);
    }

    @Test
    void shouldContinueAFailedFillWithTheRangesItHadNotDone() {
        exchange.serve(100, 104).serve(200, 210);
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 200 * H)))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        // commits after the first range's 4 candles: the restart continues after the last commit
        cli.with("trading.backfill.chunk-size", 4);

        CliRun.Result failed = cli.run(FILL);

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("(FAILED").contains("failed: binance GET klines BTC/USDT 1h "
                + "[2024-01-09T08:00:00Z, 2024-01-09T18:00:00Z)");
        assertThat(cli.candles(BTC)).hasSize(290);

        binance.resetAll();
        binance.stubFor(FakeBinance.stub());
        CliRun.Result again = cli.run(FILL);

        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("fill gaps binance BTC/USDT 1h (continuing an unfinished fill)")
                .contains("14 stored").contains("2 ranges asked: 2 filled");
        binance.verify(1, getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
        verifyAsked(200, 210);
        assertThat(cli.candles(BTC)).hasSize(300);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", JobNames.FILL_GAPS_JOB))
                .isEqualTo(1);
        assertThat(cli.run("gaps").out()).contains("300 stored, 0 gaps");
    }

    @Test
    void shouldRefuseBadGapsInput() {
        CliRun.Result tf = cli.run("gaps", "--timeframe", "2h");
        CliRun.Result none = cli.run("gaps", "--exchange", "kraken");
        CliRun.Result file = cli.run("backfill", "--exchange", "file", "--file", "x.csv", "--symbol", "BTC/USDT",
                "--timeframe", "1h", "--fill-gaps");

        assertThat(tf.exitCode()).isEqualTo(2);
        assertThat(tf.err()).isEqualTo("error: unknown timeframe '2h' (expected one of 1m, 5m, 15m, 1h, 4h, 1d)\n");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("error: no stored series matches --exchange kraken (see: markets)\n");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).startsWith("error: ");
    }

    private void verifyAsked(int fromHour, int toHour) {
        binance.verify(getRequestedFor(urlPathEqualTo(FakeBinance.KLINES))
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + fromHour * H)))
                .withQueryParam("endTime", equalTo(String.valueOf(T0 + toHour * H - 1))));
    }
}
