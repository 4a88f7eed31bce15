package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market's order rules in the shared cached data decide what a trader may buy: a stake of 10 USD buys 0.009 BTC
 * at 1100, under a minimum order size of 0.01, and buys in steps of 0.001. Live evaluation and replay fill alike.
 * On real candles (Bitstamp BTC/USD 5m, Nov 2013: prices from about 800 to 1160).
 */
class OrderMinimumsTest {

    static final long M5 = Timeframe.M5.millis();
    static final String TRADES = "SELECT side, price, quantity, fee, candle_time, pnl, pnl_percent "
            + "FROM strategy_trades WHERE strategy_id = ? AND run_id = ? ORDER BY candle_time, side";

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "small", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"))
                .with("trading.strategies.small.stake", "10");
    }

    private CliRun.Result evaluateAfter(long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "small");
    }

    private void rules(String step, String minimum) {
        cli.update("INSERT INTO market_metadata (exchange, symbol, amount_step, amount_precision, min_order_size, "
                + "fetched_at) VALUES ('bitstamp', 'BTC/USD', ?, ?, ?, 0)", step,
                new BigDecimal(step).stripTrailingZeros().scale(), minimum);
    }

    private List<BigDecimal> quantities(String runId) {
        return cli.query(TRADES, "small", runId).stream().map(t -> new BigDecimal((String) t.get("quantity")))
                .toList();
    }

    @Test
    void shouldBuyBelowTheMinimumWhenTheMarketHasNoRules() {
        evaluateAfter(candles.get(300).openTime());
        evaluateAfter(candles.get(1916).openTime());

        assertThat(quantities(RunIds.LIVE)).as("what the market's minimum would refuse")
                .anyMatch(q -> q.compareTo(new BigDecimal("0.01")) < 0);
    }

    @Test
    void shouldSkipBuysBelowTheMinimumSayWhyAndFillInStepsAlikeLiveAndReplayed() {
        rules("0.001", "0.01");

        evaluateAfter(candles.get(300).openTime());
        CliRun.Result live = evaluateAfter(candles.get(1916).openTime());
        CliRun.Result replay = cli.run("replay", "--strategy", "small", "--from",
                String.valueOf(candles.get(300).openTime()), "--to", String.valueOf(candles.get(1916).openTime() + M5));

        assertThat(live.exitCode()).as(live.out() + live.err()).isZero();
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        List<BigDecimal> bought = quantities(RunIds.LIVE);
        assertThat(bought).as("live trades").isNotEmpty().allSatisfy(q -> {
            assertThat(q).isGreaterThanOrEqualTo(new BigDecimal("0.01"));
            assertThat(q.remainder(new BigDecimal("0.001"))).isZero();
        });
        assertThat(cli.query(TRADES, "small", RunIds.replay(replayExecution()))).as("replayed trades")
                .isEqualTo(cli.query(TRADES, "small", RunIds.LIVE));
        String skipped = "buy skipped: quantity 0.00";
        String why = " is below the minimum order size 0.01";
        assertThat(live.out()).contains(skipped).contains(why);
        assertThat(replay.out()).contains(skipped).contains(why);
        assertThat(skippedLines(live.out())).as("the same signals skipped, live and replayed")
                .isEqualTo(skippedLines(replay.out()).subList(0, skippedLines(live.out()).size()));
    }

    @Test
    void shouldReplayAgainWhenTheMarketsRulesChanged() {
        String from = String.valueOf(candles.get(300).openTime());
        String to = String.valueOf(candles.get(1916).openTime() + M5);
        CliRun.Result before = cli.run("replay", "--strategy", "small", "--from", from, "--to", to);
        rules("0.001", "0.01");

        CliRun.Result after = cli.run("replay", "--strategy", "small", "--from", from, "--to", to);

        assertThat(before.out()).contains("run replay-").doesNotContain("skipped");
        assertThat(after.out()).as("a new run, not the cached one").doesNotContain(runOf(before.out()))
                .contains("is below the minimum order size 0.01");
    }

    @Test
    void shouldStartANewSegmentWhenTheMarketsRulesChangeUnderALiveTrader() {
        evaluateAfter(candles.get(300).openTime());
        evaluateAfter(candles.get(1000).openTime());
        List<java.util.Map<String, Object>> before = cli.query(TRADES, "small", RunIds.LIVE);
        rules("0.001", "0.01");

        CliRun.Result r = evaluateAfter(candles.get(1916).openTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("the market's order rules (step, minimums) changed since the evaluation up to "
                + "the candle of " + Instant.ofEpochMilli(candles.get(1000).openTime()));
        assertThat(cli.query(TRADES, "small", RunIds.LIVE)).as("the trades recorded stay as they are")
                .startsWith(before.toArray(java.util.Map[]::new));
    }

    private long replayExecution() {
        return cli.count("SELECT MAX(i.JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE i WHERE i.JOB_NAME = 'replayStrategyJob'");
    }

    private static String runOf(String out) {
        int at = out.indexOf("run replay-");
        return out.substring(at, out.indexOf(' ', at + 4));
    }

    private static List<String> skippedLines(String out) {
        return out.lines().map(String::strip).filter(l -> l.contains(" skipped: ")).toList();
    }
}
