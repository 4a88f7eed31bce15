package dev.tradingbatch.jobs.replay;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage stated by {@code markets} and {@code replay}, and replays (and sweeps, which replay each set) refused over
 * open gaps, on a Binance with holes.
 */
class ReplayCoverageTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final Instant NOW = Instant.ofEpochMilli(T0 + 300 * H + 30 * 60_000);
    static final String HEADER = "EXCHANGE   SYMBOL       TIMEFRAME FIRST (UTC)          LAST (UTC)            "
            + "EXPECTED    STORED     EMPTY OPEN GAPS   MISSING   DERIVED\n";
    static final String REFUSED = "error: 2 open gaps in the candles of binance BTC/USDT 1h the replay reads, first "
            + "[2024-01-05T04:00:00Z, 2024-01-05T08:00:00Z) (4 candles missing); fill them with: backfill --exchange "
            + "binance --symbol BTC/USDT --timeframe 1h --fill-gaps --from 2024-01-01T00:00:00Z --to "
            + "2024-01-13T12:00:00Z (or replay --allow-gaps)\n";

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
                .with("trading.strategies.rsi-bin-1h.exchange", "binance")
                .with("trading.strategies.rsi-bin-1h.symbol", "BTC/USDT")
                .with("trading.strategies.rsi-bin-1h.timeframe", "1h")
                .with("trading.strategies.rsi-bin-1h.type", "rsi")
                .with("trading.strategies.rsi-bin-1h.stake", "1000")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        CliRun.Result r = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");
        assertThat(r.out()).contains("286 stored");
    }

    @Test
    void shouldShowEachSeriesCoverageInMarkets() {
        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(HEADER + "binance    BTC/USDT     1h        2024-01-01T00:00:00Z "
                + "2024-01-13T11:00:00Z       300       286         0         2        14         0\n");
    }

    @Test
    void shouldRefuseAReplayOverOpenGapsNamingTheFillAndWriteNothing() {
        CliRun.Result r = cli.run("replay", "--strategy", "rsi-bin-1h");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(REFUSED);
        assertThat(r.out()).isEmpty();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.REPLAY_STRATEGY_JOB)).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
    }

    @Test
    void shouldRefuseASweepOverOpenGapsAsAReplayAndWriteNothing() {
        CliRun.Result r = cli.run("optimize", "--strategy", "rsi-bin-1h", "--param", "period=5,10");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(REFUSED.replace("(or replay --allow-gaps)", "(or optimize --allow-gaps)"));
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.OPTIMIZE_STRATEGY_JOB)).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results")).isZero();

        CliRun.Result allowed = cli.run("optimize", "--strategy", "rsi-bin-1h", "--param", "period=5,10",
                "--allow-gaps");
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("2 open gaps (14 candles missing)");
    }

    @Test
    void shouldReplayARangeWithoutTheHolesAndStateItsCoverage() {
        CliRun.Result r = cli.run("replay", "--strategy", "rsi-bin-1h", "--param", "period=5", "--to", "2024-01-05");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("\n  coverage           [2024-01-01T00:00:00Z, 2024-01-05T00:00:00Z): 96 expected, "
                + "96 stored, 0 confirmed empty, 0 open gaps (0 candles missing)\n");
    }

    @Test
    void shouldRefuseOnlyGapsLongerThanTheSettingAndRunWithAllowGaps() {
        CliRun.Result longer = cli.with("trading.replay.max-open-gap", "4h").run("replay", "--strategy", "rsi-bin-1h");

        assertThat(longer.exitCode()).as(longer.out() + longer.err()).isEqualTo(2);
        assertThat(longer.err()).isEqualTo("error: 1 open gap longer than trading.replay.max-open-gap (PT4H) in the "
                + "candles of binance BTC/USDT 1h the replay reads, first [2024-01-09T08:00:00Z, 2024-01-09T18:00:00Z) "
                + "(10 candles missing); fill them with: backfill --exchange binance --symbol BTC/USDT --timeframe 1h "
                + "--fill-gaps --from 2024-01-01T00:00:00Z --to 2024-01-13T12:00:00Z (or replay --allow-gaps)\n");

        CliRun.Result allowed = cli.run("replay", "--strategy", "rsi-bin-1h", "--allow-gaps");

        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("\n  coverage           [2024-01-01T00:00:00Z, 2024-01-13T12:00:00Z): 300 "
                + "expected, 286 stored, 0 confirmed empty, 2 open gaps (14 candles missing)\n");
    }

    @Test
    void shouldReplayOnceTheFillHasStoredOrConfirmedEveryMissingCandle() {
        exchange.serve(200, 210);   // the second window is published now; the first stays empty
        CliRun.Result fill = cli.with("trading.gaps.max-asks", 1).run("backfill", "--exchange", "binance", "--symbol",
                "BTC/USDT", "--timeframe", "1h", "--fill-gaps", "--from", "2024-01-01T00:00:00Z", "--to",
                "2024-01-13T12:00:00Z");
        assertThat(fill.exitCode()).as(fill.out() + fill.err()).isZero();

        CliRun.Result markets = cli.run("markets");
        Path report = dir.resolve("rsi.html");
        CliRun.Result r = cli.run("replay", "--strategy", "rsi-bin-1h", "--report", report.toString());

        assertThat(markets.out()).isEqualTo(HEADER + "binance    BTC/USDT     1h        2024-01-01T00:00:00Z "
                + "2024-01-13T11:00:00Z       300       296         4         0         0         0\n");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("\n  coverage           [2024-01-01T00:00:00Z, 2024-01-13T12:00:00Z): 300 expected, "
                + "296 stored, 4 confirmed empty, 0 open gaps (0 candles missing)\n").contains("(COMPLETED");
        assertThat(report).content().contains("candles read (warm-up included) 2024-01-01T00:00:00Z to "
                + "2024-01-13T12:00:00Z: 300 expected, 296 stored, 4 confirmed empty, 0 open gaps (0 candles missing)");
    }

    @Test
    void shouldRefuseANegativeMaxOpenGap() {
        CliRun.Result r = cli.with("trading.replay.max-open-gap", "-1h").run("replay", "--strategy", "rsi-bin-1h");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.replay.max-open-gap must not be negative, was PT-1H\n");
    }
}
