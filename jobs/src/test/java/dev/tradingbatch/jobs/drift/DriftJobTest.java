package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code driftJob} ({@code drift --all}, what {@code run} fires every {@code trading.drift.interval}): every declared
 * strategy's drift stored in {@code drift_scores}, equal to what {@code drift --strategy ID} prints; a strategy
 * evaluated under one declaration scores 0, one whose parameters changed half way drifts, one never evaluated is
 * skipped with the reason.
 */
class DriftJobTest {

    static final long M5 = Timeframe.M5.millis();
    static final String DRIFTING = "rsi-bs-5m";
    static final String STEADY = "steady-bs-5m";
    static final String NEW = "new-bs-5m";
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");
    static final Pattern SCORE = Pattern.compile("  drift score +(\\S+) % \\((\\d+) matched, (\\d+) only live, (\\d+)"
            + " only replay\\)");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;
    Instant now;

    @BeforeEach
    void evaluateTwoStrategies() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, DRIFTING, "rsi", RSI);
        BitstampSample.declare(cli, STEADY, "rsi", Map.of("period", "10", "oversold", "30", "overbought", "70"));
        // evaluated as DriftTest's strategy whose oversold changed from 35 to 25 half way; the other one unchanged
        evaluateAfter(candles.get(300).openTime(), DRIFTING, STEADY);
        evaluateAfter(candles.get(900).openTime(), DRIFTING, STEADY);
        cli.with("trading.strategies." + DRIFTING + ".params.oversold", "25");
        evaluateAfter(candles.get(1870).openTime(), DRIFTING, STEADY);
        evaluateAfter(candles.get(1916).openTime(), DRIFTING, STEADY);
        BitstampSample.declare(cli, NEW, "rsi", RSI);   // declared, never evaluated
        now = Instant.ofEpochMilli(candles.get(1916).openTime() + M5 + 60_000);
        cli.clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private void evaluateAfter(long openTime, String... ids) {
        for (String id : ids) {
            CliRun.Result r = cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                    .run("evaluate", "--strategy", id);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        }
    }

    /** What {@code drift --strategy ID} prints as its score line: score, matched, only live, only replay. */
    private Matcher printed(String id) {
        CliRun.Result r = cli.run("drift", "--strategy", id);
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        Matcher m = SCORE.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m;
    }

    /** The strategy's row, column names in lower case, whole numbers as longs (SQLite and PostgreSQL alike). */
    private Map<String, Object> row(String id) {
        List<Map<String, Object>> rows = cli.query("SELECT * FROM drift_scores WHERE strategy_id = ?", id);
        assertThat(rows).as(id).hasSize(1);
        Map<String, Object> row = new java.util.HashMap<>();
        rows.getFirst().forEach((k, v) -> row.put(k.toLowerCase(java.util.Locale.ROOT),
                v instanceof Number n ? (Object) n.longValue() : v));
        return row;
    }

    @Test
    void shouldStoreEachStrategysScoreAsDriftPrintsIt() {
        Matcher drifting = printed(DRIFTING);
        Matcher steady = printed(STEADY);

        CliRun.Result all = cli.run("drift", "--all");

        assertThat(all.exitCode()).as(all.out() + all.err()).isEqualTo(1);
        long execution = cli.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(all.out()).isEqualTo("driftJob execution " + execution + " COMPLETED: 2 scores stored, 1 drifting\n"
                + "  " + NEW + ": not computed, strategy '" + NEW + "' has no completed evaluation: no live window to"
                + " compare (give --from and --to to compare a range)\n"
                + "  " + DRIFTING + ": drift score " + drifting.group(1) + " % (" + drifting.group(2) + " matched, "
                + drifting.group(3) + " only live, " + drifting.group(4) + " only replay)\n"
                + "  " + STEADY + ": drift score 0.00 % (" + steady.group(2) + " matched, 0 only live, 0 only replay)\n");

        Map<String, Object> d = row(DRIFTING);
        assertThat(d.get("score")).isEqualTo(drifting.group(1));
        assertThat(Double.parseDouble(drifting.group(1))).as("what makes this a test").isPositive();
        assertThat(d).containsEntry("matched", Long.parseLong(drifting.group(2)))
                .containsEntry("only_live", Long.parseLong(drifting.group(3)))
                .containsEntry("only_replay", Long.parseLong(drifting.group(4)))
                .containsEntry("window_from", candles.get(300).openTime())
                .containsEntry("window_to", candles.get(1916).openTime() + M5)
                .containsEntry("computed_at", now.toEpochMilli())
                .containsEntry("job_execution_id", execution)
                .containsEntry("price_diff_bps", "0.00").containsEntry("fill_slippage_bps", null);
        int unmatched = Integer.parseInt(drifting.group(3)) + Integer.parseInt(drifting.group(4));
        assertThat(((Number) d.get("missed")).intValue() + ((Number) d.get("other_declaration")).intValue()
                + ((Number) d.get("different_signal")).intValue()).isEqualTo(unmatched);
        assertThat(d.get("other_declaration")).as("the old parameters' trades").isNotEqualTo(0L);
        assertThat(d.get("newest_unmatched")).isNotNull();

        Map<String, Object> s = row(STEADY);
        long steadyTrades = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = ? AND run_id = ?",
                STEADY, RunIds.LIVE);
        assertThat(steadyTrades).isPositive();
        assertThat(s).containsEntry("score", "0.00").containsEntry("matched", steadyTrades)
                .containsEntry("only_live", 0L).containsEntry("only_replay", 0L).containsEntry("newest_unmatched", null);
        assertThat(cli.count("SELECT COUNT(*) FROM drift_scores WHERE strategy_id = ?", NEW)).isZero();

        Map<String, Object> step = cli.query("SELECT READ_COUNT, WRITE_COUNT, FILTER_COUNT, STATUS FROM"
                + " BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", execution,
                JobNames.DRIFT_SCORES_STEP).getFirst();
        assertThat(List.of(step.get("READ_COUNT"), step.get("WRITE_COUNT"), step.get("FILTER_COUNT"))).as("counts")
                .map(n -> ((Number) n).longValue()).containsExactly(3L, 2L, 1L);
        assertThat(step).containsEntry("STATUS", "COMPLETED");
    }

    @Test
    void shouldReplaceTheScoresWithTheNextComputation() {
        assertThat(cli.run("drift", "--all").exitCode()).isEqualTo(1);
        Instant later = now.plusSeconds(3600);
        cli.clock(Clock.fixed(later, ZoneOffset.UTC)).with("trading.strategies." + DRIFTING + ".params.oversold", "35");

        CliRun.Result again = cli.run("drift", "--all");

        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM drift_scores")).isEqualTo(2);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", JobNames.DRIFT_JOB))
                .as("a run of its own each time").isEqualTo(2);
        Matcher declaredNow = printed(DRIFTING);
        assertThat(row(DRIFTING)).containsEntry("computed_at", later.toEpochMilli())
                .containsEntry("score", declaredNow.group(1));
        assertThat(row(STEADY)).containsEntry("computed_at", later.toEpochMilli()).containsEntry("score", "0.00");
    }

    @Test
    void shouldGoOnWithTheNextStrategyWhenAFailedRunIsRestarted() {
        boolean postgres = cli.url().startsWith("jdbc:postgresql");
        // the database refuses steady-bs-5m's row, the last of the three (by id)
        if (postgres) {
            cli.update("CREATE FUNCTION refuse_steady() RETURNS trigger AS $$ BEGIN IF NEW.strategy_id = '" + STEADY
                    + "' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            cli.update("CREATE TRIGGER refuse_steady BEFORE INSERT ON drift_scores FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_steady()");
        } else {
            cli.update("CREATE TRIGGER refuse_steady BEFORE INSERT ON drift_scores WHEN NEW.strategy_id = '" + STEADY
                    + "' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
        }

        CliRun.Result failed = cli.run("drift", "--all");

        long execution = cli.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).startsWith("driftJob execution " + execution + " FAILED: 1 score stored, 1 drifting;"
                + " failed: ").contains("refused by a test trigger")
                .contains("  " + NEW + ": not computed, ", "  " + DRIFTING + ": drift score ");
        assertThat(cli.query("SELECT strategy_id FROM drift_scores")).hasSize(1);

        cli.update(postgres ? "DROP TRIGGER refuse_steady ON drift_scores" : "DROP TRIGGER refuse_steady");
        Instant later = now.plusSeconds(600);
        CliRun.Result restart = cli.clock(Clock.fixed(later, ZoneOffset.UTC)).run("jobs", "restart",
                String.valueOf(execution));

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        long restarted = cli.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(row(DRIFTING)).as("computed by the failed run, not again").containsEntry("job_execution_id", execution)
                .containsEntry("computed_at", now.toEpochMilli());
        assertThat(row(STEADY)).containsEntry("job_execution_id", restarted)
                .containsEntry("computed_at", later.toEpochMilli()).containsEntry("score", "0.00");
        Map<String, Object> step = cli.query("SELECT READ_COUNT, WRITE_COUNT, STATUS FROM BATCH_STEP_EXECUTION"
                + " WHERE JOB_EXECUTION_ID = ?", restarted).getFirst();
        assertThat(List.of(step.get("READ_COUNT"), step.get("WRITE_COUNT"))).as("steady-bs-5m only")
                .map(n -> ((Number) n).longValue()).containsExactly(1L, 1L);
        assertThat(step).containsEntry("STATUS", "COMPLETED");
    }

    @Test
    void shouldRefuseAllWithARangeOrWithAStrategy() {
        CliRun.Result both = cli.run("drift", "--all", "--strategy", DRIFTING);
        CliRun.Result range = cli.run("drift", "--all", "--from", "2013-11-29");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("error: give --strategy ID or --all, not both\n");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).isEqualTo("error: --all compares each strategy's live window: --from and --to go with"
                + " --strategy\n");
        CliRun.Result negative = cli.with("trading.drift.interval", "-1h").run("schedule");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("error: trading.drift.interval must not be negative (0 switches it off),"
                + " was PT-1H\n");
        assertThat(cli.count("SELECT COUNT(*) FROM drift_scores")).isZero();
    }
}
