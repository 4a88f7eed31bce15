package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.tradingbatch.model.OpenTimes.iso;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drift}: a paper strategy evaluated as a trader evaluates it, its live ledger compared with a replay of it as
 * declared now over the candles it evaluated.
 */
class DriftTest {

    static final long M5 = Timeframe.M5.millis();
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", RSI);
    }

    private void evaluateAfter(long openTime) {
        CliRun.Result r = cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "rsi-bs-5m");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    private Set<String> liveTrades() {
        return cli.query("SELECT candle_time, side FROM strategy_trades WHERE strategy_id = 'rsi-bs-5m' AND run_id = ?",
                RunIds.LIVE).stream().map(t -> iso(((Number) t.get("candle_time")).longValue()) + " " + t.get("side"))
                .collect(Collectors.toSet());
    }

    private static Set<String> keys(List<Fill> fills) {
        return fills.stream().map(f -> iso(f.candleTime()) + " " + f.side().code()).collect(Collectors.toSet());
    }

    @Test
    void shouldMatchEveryTradeOfAStrategyEvaluatedCandleByCandle() {
        long first = candles.get(300).openTime();
        // candle by candle around its first signal, as a trader running through those minutes does
        long signal = BitstampSample.fills(candles, "rsi", RSI, first, candles.getLast().openTime()).getFirst()
                .candleTime();
        evaluateAfter(first);
        for (long t = signal - 3 * M5; t <= signal + 3 * M5; t += M5) {
            evaluateAfter(t);
        }
        evaluateAfter(candles.get(1200).openTime());
        long trades = liveTrades().size();
        assertThat(trades).isGreaterThanOrEqualTo(4);
        long writtenBefore = cli.count("SELECT COUNT(*) FROM strategy_trades") + cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION");

        CliRun.Result drift = cli.run("drift", "--strategy", "rsi-bs-5m");

        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
        assertThat(drift.out()).contains("drift of rsi-bs-5m (", ") from " + iso(first) + " to "
                        + iso(candles.get(1200).openTime() + M5) + ", replayed as declared now")
                .contains("  drift score        0.00 % (" + trades + " matched, 0 only live, 0 only replay)")
                .contains("  mean |price diff|  0.00 bps")
                .contains("  " + iso(first) + " through " + iso(candles.get(1200).openTime()) + ": first")
                .doesNotContain("only live:", "only replay:");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades") + cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION"))
                .as("drift writes nothing").isEqualTo(writtenBefore);
    }

    @Test
    void shouldReportTheTradesThatDifferAfterAParameterChangedAndNameTheChange() {
        long first = candles.get(300).openTime();
        long before = candles.get(900).openTime();
        long after = candles.get(1870).openTime();
        long last = candles.get(1916).openTime();
        evaluateAfter(first);
        evaluateAfter(before);
        cli.with("trading.strategies.rsi-bs-5m.params.oversold", "25");
        evaluateAfter(after);
        evaluateAfter(last);
        Map<String, String> now = Map.of("period", "14", "oversold", "25", "overbought", "65");
        Set<String> replay = keys(BitstampSample.fills(candles, "rsi", now, first, last));
        Set<String> live = liveTrades();
        Set<String> onlyLive = live.stream().filter(k -> !replay.contains(k)).collect(Collectors.toSet());
        Set<String> onlyReplay = replay.stream().filter(k -> !live.contains(k)).collect(Collectors.toSet());
        // what makes this a test: the old parameters traded where the new ones do not
        assertThat(onlyLive).isNotEmpty();

        CliRun.Result drift = cli.run("drift", "--strategy", "rsi-bs-5m");

        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isEqualTo(1);
        int matched = live.size() - onlyLive.size();
        int unmatched = onlyLive.size() + onlyReplay.size();
        assertThat(drift.out()).contains(String.format("  drift score        %.2f %% (%d matched, %d only live, %d only replay)",
                unmatched * 100.0 / (matched * 2 + unmatched), matched, onlyLive.size(), onlyReplay.size()));
        assertThat(drift.out()).contains("  " + iso(first) + " through " + iso(before) + ": first",
                "  " + iso(after) + " through " + iso(last) + ": restarted, declaration changed");
        for (String trade : onlyLive) {
            assertThat(drift.out()).containsPattern("only live:\\n(  .*\\n)*  " + trade + " +\\S+  evaluated live under "
                    + "another declaration: the segment from " + iso(first) + " ran before the declaration changed");
        }
        for (String trade : onlyReplay) {
            long t = Instant.parse(trade.split(" ")[0]).toEpochMilli();
            assertThat(drift.out()).contains("  " + trade + (trade.endsWith("buy") ? "  " : " ")).contains(
                    t > before && t < after ? "candle not evaluated live: the segment from " + iso(after)
                            + " restarted at the newest candle because the declaration changed"
                            : "the segment from " + iso(first) + " ran before the declaration changed");
        }
    }

    @Test
    void shouldRefuseAStrategyNeverEvaluated() {
        CliRun.Result drift = cli.run("drift", "--strategy", "rsi-bs-5m");

        assertThat(drift.exitCode()).isEqualTo(2);
        assertThat(drift.err()).isEqualTo("error: strategy 'rsi-bs-5m' has no completed evaluation: no live window to "
                + "compare (give --from and --to to compare a range)\n");

        CliRun.Result backwards = cli.run("drift", "--strategy", "rsi-bs-5m", "--from", "2013-11-30", "--to",
                "2013-11-29");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).isEqualTo("error: empty range: --from 2013-11-30T00:00:00Z is not before --to "
                + "2013-11-29T00:00:00Z\n");
    }

    @Test
    void shouldCallEveryTradeOfARangeNeverEvaluatedOnlyReplayed() {
        long from = Instant.parse("2013-11-29T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2013-11-30T00:00:00Z").toEpochMilli();
        List<Fill> replay = BitstampSample.fills(candles, "rsi", RSI, from, to - M5);
        assertThat(replay).isNotEmpty();

        CliRun.Result drift = cli.run("drift", "--strategy", "rsi-bs-5m", "--from", iso(from), "--to", iso(to));

        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("  drift score        100.00 % (0 matched, 0 only live, " + replay.size()
                + " only replay)");
        for (Fill f : replay) {
            assertThat(drift.out()).contains("  " + iso(f.candleTime()) + " " + (f.side().code() + " ").substring(0, 4)
                    + " " + f.price().toPlainString() + "  candle not evaluated live\n");
        }
    }
}
