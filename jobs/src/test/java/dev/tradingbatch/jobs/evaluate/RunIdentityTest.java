package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tradingbatch.model.OpenTimes.iso;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run is identified by everything that changes what it computes (the whole declaration), declaring a strategy
 * writes nothing, and a live ledger stays one consistent sequence of trades whatever the declaration or the stored
 * history does afterwards.
 */
class RunIdentityTest {

    static final long M5 = Timeframe.M5.millis();
    static final Path ETH_SAMPLE = Path.of("..", "samples", "binanceus-ETH-USD-5m.csv");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSamples() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        CliRun.Result eth = cli.run("backfill", "--exchange", "file", "--file", ETH_SAMPLE.toString(), "--as",
                "binanceus", "--symbol", "ETH/USD", "--timeframe", "5m");
        assertThat(eth.exitCode()).as(eth.out() + eth.err()).isZero();
    }

    private CliRun.Result evaluateAfter(String id, long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", id);
    }

    /** The strategy moved to the ETH sample's market, everything else as declared. */
    private void moveToEth(String id) {
        cli.with("trading.strategies." + id + ".exchange", "binanceus").with("trading.strategies." + id + ".symbol",
                "ETH/USD");
    }

    @Test
    void shouldWriteNothingWhenAReadOnlyCommandStartsAndRecordTheStrategyWhenItsJobRuns() {
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14"));

        for (String command : new String[] {"report", "markets", "health", "gaps"}) {
            CliRun.Result r = cli.run(command);
            assertThat(cli.count("SELECT COUNT(*) FROM strategies")).as(command + ": " + r.out() + r.err()).isZero();
        }
        assertThat(evaluateAfter("rsi-bs-5m", candles.get(400).openTime()).exitCode()).isZero();

        assertThat(cli.query("SELECT strategy_id, type, exchange, symbol, timeframe FROM strategies")).containsExactly(
                Map.of("strategy_id", "rsi-bs-5m", "type", "rsi", "exchange", "bitstamp", "symbol", "BTC/USD",
                        "timeframe", "5m"));
    }

    @Test
    void shouldRefuseToMoveAStrategyWithLiveTradesToAnotherMarket() {
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"));
        evaluateAfter("rsi-bs-5m", candles.get(300).openTime());
        evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());
        long live = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'rsi-bs-5m'");
        assertThat(live).isPositive();

        moveToEth("rsi-bs-5m");
        CliRun.Result evaluate = evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());
        CliRun.Result replay = cli.run("replay", "--strategy", "rsi-bs-5m");

        String refusal = "error: strategy 'rsi-bs-5m' has live trades as rsi on bitstamp BTC/USD 5m; it is now declared "
                + "as rsi on binanceus ETH/USD 5m: a strategy_id keeps one type and market, so declare this one under a "
                + "new id (the trades of 'rsi-bs-5m' stay as they are)\n";
        assertThat(evaluate.exitCode()).isEqualTo(2);
        assertThat(evaluate.err()).isEqualTo(refusal);
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).isEqualTo(refusal);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isEqualTo(live);
        assertThat(cli.query("SELECT exchange, symbol FROM strategies WHERE strategy_id = 'rsi-bs-5m'"))
                .containsExactly(Map.of("exchange", "bitstamp", "symbol", "BTC/USD"));
    }

    @Test
    void shouldReplayTheMarketTheStrategyIsDeclaredOnNotAnEarlierRunOfAnotherMarket() throws IOException {
        // a second market over the same hours: the sample's candles in reverse order, under another exchange name
        List<String> lines = Files.readAllLines(BitstampSample.FILE);
        List<String> mirrored = new ArrayList<>(List.of(lines.getFirst()));
        for (int i = 1; i < lines.size(); i++) {
            String time = lines.get(i).split(",", 2)[0];
            mirrored.add(time + "," + lines.get(lines.size() - i).split(",", 2)[1]);
        }
        Path mirror = Files.write(dir.resolve("mirror.csv"), mirrored);
        assertThat(cli.run("backfill", "--exchange", "file", "--file", mirror.toString(), "--as", "mirror",
                "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"));
        String[] range = {"--from", "2013-11-26T00:00:00Z", "--to", "2013-12-01T00:00:00Z"};

        CliRun.Result bitstamp = cli.run(args("replay", "--strategy", "rsi-bs-5m", range));
        cli.with("trading.strategies.rsi-bs-5m.exchange", "mirror");
        CliRun.Result moved = cli.run(args("replay", "--strategy", "rsi-bs-5m", range));

        assertThat(bitstamp.exitCode()).as(bitstamp.out() + bitstamp.err()).isZero();
        assertThat(moved.exitCode()).as(moved.out() + moved.err()).isZero();
        assertThat(runId(moved)).as("the same id, parameters and range on another market is another replay")
                .isNotEqualTo(runId(bitstamp));
        assertThat(moved.out()).contains("on mirror BTC/USD 5m)");
        assertThat(figure(moved, "total return")).isNotEqualTo(figure(bitstamp, "total return"));
        assertThat(cli.query("SELECT COUNT(*) AS n FROM strategy_trades WHERE run_id = ?", runId(moved)))
                .isNotEqualTo(List.of(Map.of("n", 0)));
    }

    private static String[] args(String command, String option, String value, String[] more) {
        List<String> all = new ArrayList<>(List.of(command, option, value));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String figure(CliRun.Result replay, String name) {
        Matcher m = Pattern.compile("  " + name + " +(\\S+)").matcher(replay.out());
        assertThat(m.find()).as(replay.out()).isTrue();
        return m.group(1);
    }

    @Test
    void shouldStartANewSegmentFromTheLedgersPositionWhenTheFillSettingsChange() {
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"));
        evaluateAfter("rsi-bs-5m", candles.get(300).openTime());
        evaluateAfter("rsi-bs-5m", candles.get(900).openTime());

        cli.with("trading.strategies.rsi-bs-5m.stake", "500");
        CliRun.Result changed = evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());

        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isZero();
        assertThat(changed.out()).contains("its declaration changed since the evaluation up to the candle of "
                + iso(candles.get(900).openTime()) + ": evaluating again from the candle of "
                + iso(candles.get(1916).openTime()));
        assertConsistentLedger("rsi-bs-5m");
    }

    @Test
    void shouldKeepTheLedgerOneSequenceWhenCandlesArriveLateInsideTheEvaluatedRange() throws IOException {
        // the MACD of the sample with 10 candles left out of the file, then the full file imported later
        String id = "macd-late";
        List<Candle> holedCandles = importWithAHole("late");
        BitstampSample.declare(cli, id, "macd", Map.of());
        long first = candles.get(440).openTime();
        long last = candles.get(546).openTime();
        // what makes this a test: with the candles in, the strategy holds a position at the last candle evaluated
        // that it did not hold without them (recomputing the old segment would sell what the ledger never bought)
        assertThat(BitstampSample.fills(candles, "macd", Map.of(), first, last).getLast().side()).isEqualTo(Side.BUY);
        assertThat(BitstampSample.fills(holedCandles, "macd", Map.of(), first, last).getLast().side())
                .isEqualTo(Side.SELL);

        assertThat(evaluateAfter(id, first).exitCode()).isZero();
        assertThat(evaluateAfter(id, last).exitCode()).isZero();
        BitstampSample.importInto(cli);
        CliRun.Result late = evaluateAfter(id, candles.get(800).openTime());

        assertThat(late.exitCode()).as(late.out() + late.err()).isZero();
        assertThat(late.out()).contains("10 candles were stored late inside the candles evaluated up to " + iso(last)
                + ": the trades recorded stay as they are; evaluating on from the candle of " + iso(last + M5));
        assertConsistentLedger(id);
        CliRun.Result again = evaluateAfter(id, candles.get(1100).openTime());
        assertThat(again.out()).as("the next evaluation continues the new segment").doesNotContain("stored late");
        assertConsistentLedger(id);

        // the ledger is flat where the new segment starts, as a replay starts: a replay of the new segment trades
        // exactly as the live trader did in it
        long through = candles.get(1100).openTime();
        CliRun.Result replay = cli.run("replay", "--strategy", id, "--from", iso(last + M5), "--to", iso(through + M5));
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        String trade = "SELECT side, candle_time, price, quantity FROM strategy_trades WHERE strategy_id = ? AND run_id = ? "
                + "AND candle_time > ? ORDER BY candle_time, side";
        List<Map<String, Object>> live = cli.query(trade, id, RunIds.LIVE, last);
        assertThat(live).hasSizeGreaterThanOrEqualTo(2);
        assertThat(cli.query(trade, id, runId(replay), last)).isEqualTo(live);

        // drift replays the whole window with the candles in: it names the late candles where live started over
        CliRun.Result drift = cli.run("drift", "--strategy", id);
        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("  " + iso(last + M5) + " through " + iso(through)
                + ": restarted, candles stored late");
        // the live trader never saw candles 500 to 509 in its first segment: the replay trades on them
        assertThat(drift.out()).contains("  " + iso(candles.get(503).openTime()) + " sell ", "  "
                + iso(candles.get(507).openTime()) + " buy  ").contains("candles stored late: the segment from "
                + iso(first) + " was evaluated before some of its candles (or their warm-up) were stored");
    }

    /** A new database holding the sample without its candles 500 to 509 (a file with a hole); its candles. */
    private List<Candle> importWithAHole(String name) throws IOException {
        cli = new CliRun(dir.resolve(name));
        Path holed = dir.resolve(name + ".csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(BitstampSample.FILE));
        List<String> kept = new ArrayList<>(lines.subList(0, 501));   // the header and candles 0 to 499
        kept.addAll(lines.subList(511, lines.size()));
        Files.write(holed, kept);
        assertThat(cli.run("backfill", "--exchange", "file", "--file", holed.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
        return cli.candles(BitstampSample.MARKET);
    }

    @Test
    void shouldLoadTheWholeWarmUpCountedInCandlesWhenAHoleLiesInIt() throws IOException {
        List<Candle> stored = importWithAHole("warm-up");
        BitstampSample.declare(cli, "rsi-hole", "rsi", Map.of());
        int warmUp = StrategySpec.of("rsi", Map.of()).warmUpBars();
        long first = candles.get(600).openTime();
        int at = stored.stream().map(Candle::openTime).toList().indexOf(first);
        // what makes this a test: warm-up history loaded by time would hold 10 candles fewer
        assertThat(stored.stream().filter(c -> c.openTime() >= first - warmUp * M5 && c.openTime() < first))
                .hasSize(warmUp - 10);

        CliRun.Result r = evaluateAfter("rsi-hole", first);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(cli.query("SELECT p.PARAMETER_VALUE AS v FROM BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION e "
                + "ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "WHERE i.JOB_NAME = 'evaluateStrategyJob' AND p.PARAMETER_NAME = 'loadFrom'"))
                .as("loaded from the %d-th stored candle before the first evaluated", warmUp)
                .containsExactly(Map.of("v", String.valueOf(stored.get(at - warmUp).openTime())));
    }

    /** Buys and sells alternate from a buy, each sell selling what the buy before it bought; report agrees. */
    private void assertConsistentLedger(String id) {
        List<Map<String, Object>> trades = cli.query("SELECT side, quantity FROM strategy_trades WHERE strategy_id = ? "
                + "AND run_id = ? ORDER BY candle_time, side", id, RunIds.LIVE);
        assertThat(trades).hasSizeGreaterThan(2);
        for (int i = 0; i < trades.size(); i++) {
            assertThat(trades.get(i).get("side")).as("trade %d of %s", i, trades).isEqualTo(i % 2 == 0 ? "buy" : "sell");
            if (i % 2 == 1) {
                assertThat(trades.get(i).get("quantity")).isEqualTo(trades.get(i - 1).get("quantity"));
            }
        }
        long sells = trades.stream().filter(t -> t.get("side").equals("sell")).count();
        CliRun.Result report = cli.run("report", "--strategy", id);
        assertThat(report.out()).containsPattern("closed trades +" + sells + " \\(");
    }

    private static String runId(CliRun.Result replay) {
        Matcher m = Pattern.compile("run (replay-\\d+)").matcher(replay.out());
        assertThat(m.find()).as(replay.out()).isTrue();
        return m.group(1);
    }
}
