package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command on the bundled Bitstamp sample: runs kept apart from live trades, bad input refused. */
class ReplayTest {

    static final Path SAMPLE = Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv");

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir).with("trading.strategies.rsi-bs-5m.exchange", "bitstamp")
                .with("trading.strategies.rsi-bs-5m.symbol", "BTC/USD")
                .with("trading.strategies.rsi-bs-5m.timeframe", "5m")
                .with("trading.strategies.rsi-bs-5m.type", "rsi")
                .with("trading.strategies.rsi-bs-5m.params.oversold", "35")
                .with("trading.strategies.rsi-bs-5m.params.overbought", "65")
                .with("trading.strategies.rsi-bs-5m.stake", "1000");
        assertThat(cli.run("backfill", "--exchange", "file", "--file", SAMPLE.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
    }

    @Test
    void shouldKeepEachReplayUnderItsOwnRunAndListIt() {
        CliRun.Result all = cli.run("replay", "--strategy", "rsi-bs-5m");
        CliRun.Result tuned = cli.run("replay", "--strategy", "rsi-bs-5m", "--from", "2013-11-27", "--to", "2013-11-30",
                "--param", "period=10");
        CliRun.Result again = cli.run("replay", "--strategy", "rsi-bs-5m");

        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(all.out()).startsWith("replay rsi-bs-5m (rsi overbought=65,oversold=35,period=14 on bitstamp BTC/USD 5m) "
                + "[2013-11-25T12:55:00Z, 2013-12-01T16:05:00Z): 1763 candles, ").contains("run replay-2 (COMPLETED");
        assertThat(tuned.out()).contains("(rsi overbought=65,oversold=35,period=10 on bitstamp BTC/USD 5m) "
                + "[2013-11-27T00:00:00Z, 2013-11-30T00:00:00Z): 864 candles, ").contains("run replay-3 (COMPLETED");
        assertThat(again.out()).as("the same replay is the same run").contains("run replay-2 (COMPLETED");
        long trades = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = ?", RunIds.replay(2));
        assertThat(trades).isPositive();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = ?", RunIds.LIVE)).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM trades")).as("the seed's trades view holds live trades only").isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'replay-3' AND params = ?",
                "{\"overbought\":\"65\",\"oversold\":\"35\",\"period\":\"10\"}")).isPositive();

        CliRun.Result list = cli.run("replay", "list");
        assertThat(list.out()).contains("replay-3     rsi-bs-5m        2013-11-27T00:00:00Z .. 2013-11-30T00:00:00Z COMPLETED")
                .contains("replay-2     rsi-bs-5m        2013-11-25T12:55:00Z .. 2013-12-01T16:05:00Z COMPLETED")
                .contains("overbought=65,oversold=35,period=10, stake 1000, fee 0.001, slippage 0 bps");
        CliRun.Result report = cli.run("report", "--strategy", "rsi-bs-5m", "--run", "replay-2");
        assertThat(report.out()).contains("run replay-2");
    }

    @Test
    void shouldPrintTheMetricsAndWriteTheReport() {
        Path report = dir.resolve("reports").resolve("rsi.html");

        CliRun.Result r = cli.run("replay", "--strategy", "rsi-bs-5m", "--report", report.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  total return       ").contains("  buy and hold       20.04%")
                .contains("  trades             8\n").contains("  final equity       ").contains("report: " + report);
        // a file import has no exchange to ask: its holes are what the file holds, stated but never refused
        String coverage = "[2013-11-25T00:00:00Z, 2013-12-01T16:05:00Z): 1921 expected, 1917 stored, 0 confirmed empty, "
                + "2 open gaps (4 candles missing)";
        assertThat(r.out()).contains("\n  coverage           " + coverage + "\n");
        assertThat(report).isRegularFile().content().contains("<h1>rsi-bs-5m</h1>")
                .contains("rsi overbought=65,oversold=35,period=14 on bitstamp BTC/USD 5m")
                .contains("candles read (warm-up included) 2013-11-25T00:00:00Z to 2013-12-01T16:05:00Z: 1921 expected, "
                        + "1917 stored, 0 confirmed empty, 2 open gaps (4 candles missing)");
    }

    @Test
    void shouldSayATypeNeedsMoreHistoryThanTheSeriesHas() {
        CliRun trend = cli.with("trading.strategies.trend-eth.exchange", "binanceus")
                .with("trading.strategies.trend-eth.symbol", "ETH/USD").with("trading.strategies.trend-eth.timeframe", "5m")
                .with("trading.strategies.trend-eth.type", "trend").with("trading.strategies.trend-eth.stake", "1000");
        assertThat(trend.run("backfill", "--exchange", "file", "--file", "../samples/binanceus-ETH-USD-5m.csv", "--as",
                "binanceus", "--symbol", "ETH/USD", "--timeframe", "5m").exitCode()).isZero();

        CliRun.Result r = trend.run("replay", "--strategy", "trend-eth");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: not enough history: trend adx-period=14,adx-threshold=25,fast=50,"
                + "slow=200,trailing-stop=5 needs 1205 candles of warm-up before the first candle it evaluates, and "
                + "binanceus ETH/USD 5m has 580 stored from 2023-03-13T18:00:00Z (backfill --from "
                + "2023-03-09T13:35:00Z)\n");
    }

    @Test
    void shouldRefuseBadInputAndWriteNothing() {
        assertBad(cli.run("replay", "--strategy", "eth-bin-1h"), "error: unknown strategy 'eth-bin-1h' (declared: rsi-bs-5m)");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--from", "2014-01-01", "--to", "2014-02-01"),
                "error: empty range: no stored candles of bitstamp BTC/USD 5m in [2014-01-01T00:00:00Z, 2014-02-01T00:00:00Z)");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--from", "2013-11-29", "--to", "2013-11-28"),
                "error: empty range: --from 2013-11-29T00:00:00Z is not before --to 2013-11-28T00:00:00Z");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--param", "speed=3"),
                "error: --param: unknown param 'speed' for rsi (known: overbought, oversold, period, stop-loss, take-profit)");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--param", "period=1"),
                "error: --param: param 'period' must be an integer in [2, 500], got '1'");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--param", "period"),
                "error: --param 'period' is not NAME=VALUE, e.g. --param period=10");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--from", "2013-11-25T01:00:00Z"),
                "error: --from 2013-11-25T01:00:00Z leaves fewer than 154 candles of warm-up history (bitstamp BTC/USD 5m "
                        + "is stored from 2013-11-25T00:00:00Z): the earliest --from is 2013-11-25T12:55:00Z");
        assertBad(cli.run("replay", "--strategy", "rsi-bs-5m", "--from", "yesterday"),
                "error: --from 'yesterday' is not a date, an ISO-8601 date-time or epoch ms");
        assertBad(cli.run("replay"), "error: Missing required option: '--strategy=ID'");

        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.REPLAY_STRATEGY_JOB)).isZero();
    }

    private static void assertBad(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
