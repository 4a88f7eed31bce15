package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.replay.ReplayFigures;
import dev.tradingbatch.jobs.operations.ThisProcess;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.DeadRuns;
import dev.tradingbatch.strategies.plugins.TestPlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code optimize} on the bundled Bitstamp candles: a grid whose best set replays to the same figures, bad specs
 * refused with nothing written, a failed partition continued alone, a sweep run twice computed once, a seeded random
 * search repeated exactly.
 */
class OptimizeTest {

    static final String FROM = "2013-11-26";
    static final String TO = "2013-12-01";
    /** 4 periods x 3 oversold levels: 12 sets. */
    static final String[] GRID = {"optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
            "--param", "oversold=25,30,35", "--from", FROM, "--to", TO};

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void importSample() {
        cli = declared(new CliRun(dir));
        BitstampSample.importInto(cli);
    }

    private static CliRun declared(CliRun cli) {
        return BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35",
                "overbought", "65"));
    }

    @Test
    void shouldRankTheGridAndGiveTheBestSetTheFiguresOfItsReplay() {
        CliRun.Result sweep = cli.run(args(GRID, "--objective", "return", "--top", "3"));

        assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isZero();
        assertThat(sweep.out()).startsWith("optimize rsi-bs-5m (rsi on bitstamp BTC/USD 5m) [2013-11-26T00:00:00Z, "
                + "2013-12-01T00:00:00Z): 12 sets (grid oversold=25,30,35 period=10..16:2), sweep sweep-2 (COMPLETED, "
                + "execution 2, computed now)\n");
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2")).isEqualTo(12);
        List<String> ranking = rankingLines(sweep.out());
        assertThat(ranking).hasSize(3);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).as("a sweep stores no trades").isZero();

        // the best set, replayed on its own over the same range
        String best = ranking.getFirst().substring(ranking.getFirst().lastIndexOf(' ') + 1);
        CliRun.Result replay = cli.run(replayArgs(FROM, TO, best));

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        Map<String, Object> row = cli.query("SELECT * FROM sweep_results WHERE sweep_id = 2 AND params = ?",
                "{\"" + best.replace("=", "\":\"").replace(",", "\",\"") + "\"}").getFirst();
        List<String> figures = figureLines(row);
        assertThat(figures).hasSize(11);
        for (String figure : figures) {
            assertThat(replay.out()).contains("\n" + figure + "\n");
        }
        assertThat(ranking.getFirst()).contains(" " + row.get("trades") + "  " + best);
    }

    @Test
    void shouldRefuseABadSpecWithOneLineAndWriteNothing() {
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=1..20:2"),
                "error: --param 'period=1..20:2': param 'period' must be an integer in [2, 500], got '1'");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10,14.5"),
                "error: --param 'period=10,14.5': param 'period' must be an integer in [2, 500], got '14.5'");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "oversold=20..100:20"),
                "error: --param 'oversold=20..100:20': param 'oversold' must be a number in (0, 100), got '100'");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "speed=1,2"),
                "error: --param: unknown param 'speed' for rsi (known: overbought, oversold, period, stop-loss, "
                        + "take-profit)");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..20"),
                "error: --param 'period=10..20': a range needs a step, e.g. period=5..50:5");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=20..10:2"),
                "error: --param 'period=20..10:2': the range's start 20 is above its end 10");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period"),
                "error: --param 'period' is not NAME=SPEC, e.g. --param period=10,14,20 or --param period=5..50:5");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10", "--param", "period=12"),
                "error: --param: param 'period' is given twice");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m"),
                "error: --param: give at least one NAME=SPEC to sweep, e.g. --param period=5..50:5");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10", "--objective", "luck"),
                "error: --objective 'luck' is not one of sharpe, sortino, return, calmar, profit-factor");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10", "--workers", "foo"),
                "error: --workers 'foo' is not local or remote");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10", "--samples", "5"),
                "error: --samples is for --search random (a grid computes every set)");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "oversold=70,80"),
                "error: --param: no set of the specs is valid for rsi (2 refused: param 'oversold' (70) must be "
                        + "below 'overbought' (65))");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=100", "--from", "2013-11-25T05:00:00Z"),
                "error: --from 2013-11-25T05:00:00Z leaves fewer than 1100 candles of warm-up history (bitstamp BTC/USD "
                        + "5m is stored from 2013-11-25T00:00:00Z): the earliest --from is 2013-11-28T20:00:00Z");

        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.OPTIMIZE_STRATEGY_JOB)).isZero();
    }

    @Test
    void shouldContinueAFailedSweepComputingOnlyThePartitionThatFailed() {
        AtomicBoolean failing = new AtomicBoolean(true);
        cli.bean("sweepSetHook", (SweepSetHook) set -> {
            if (failing.get() && set == 5) {
                throw new IllegalStateException("injected failure before set 5");
            }
        });

        CliRun.Result failed = cli.run(GRID);

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.out()).contains("sweep sweep-2 (FAILED, execution 2, computed now)");
        long storedBefore = cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2");
        assertThat(storedBefore).isPositive().isLessThan(12);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE set_index = 5")).isZero();
        long partitions = workerSteps(2);
        long failedPartitions = cli.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = 2"
                + " AND STEP_NAME LIKE 'optimizeSetsStep:%' AND STATUS = 'FAILED'");
        assertThat(failedPartitions).isEqualTo(1);

        failing.set(false);
        CliRun.Result continued = cli.run(GRID);

        assertThat(continued.exitCode()).as(continued.out() + continued.err()).isZero();
        assertThat(continued.out()).contains("sweep sweep-2 (COMPLETED, execution 3, computed now)");
        assertThat(workerSteps(3)).as("only the failed partition runs again").isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2")).isEqualTo(12);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE job_execution_id = 3"))
                .as("the sets of the failed partition, and only those").isEqualTo(12 - storedBefore);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE job_execution_id = 3 AND set_index = 5"))
                .isEqualTo(1);
        assertThat(partitions).isGreaterThan(1);
    }

    @Test
    void shouldContinueASweepKilledHalfWayComputingOnlyThePartitionsNotCompleted() {
        AtomicBoolean failing = new AtomicBoolean(true);
        cli.bean("sweepSetHook", (SweepSetHook) set -> {
            if (failing.get() && set == 5) {
                throw new IllegalStateException("injected failure before set 5");
            }
        });
        assertThat(cli.run(GRID).exitCode()).isEqualTo(1);
        long storedBefore = cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2");
        // what a kill during set 5 leaves: the execution, its manager step and that partition STARTED, the process gone
        cli.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = 2");
        cli.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = 2 AND STATUS = 'FAILED'");
        cli.update("INSERT INTO job_heartbeats (job_execution_id, host, pid, process_start, beat_at) VALUES (?, ?, ?, ?, ?)",
                2, ThisProcess.get().host(), DeadRuns.deadPid(), 0, System.currentTimeMillis());
        failing.set(false);

        CliRun.Result continued = cli.run(GRID);

        assertThat(continued.exitCode()).as(continued.out() + continued.err()).isZero();
        assertThat(continued.out()).startsWith("execution 2 was left STARTED: process ")
                .contains("sweep sweep-2 (COMPLETED, execution 3, computed now)");
        assertThat(workerSteps(3)).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2")).isEqualTo(12);
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results WHERE job_execution_id = 3"))
                .isEqualTo(12 - storedBefore);
    }

    @Test
    void shouldReportTheSameSweepFromTheTableWithoutComputingItAgain() {
        CliRun.Result first = cli.run(GRID);
        CliRun.Result again = cli.run(args(GRID, "--objective", "profit-factor", "--min-trades", "3"));

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("sweep sweep-2 (COMPLETED, execution 2, read from sweep_results)")
                .contains("  RANK PROFIT-FACTOR")
                .containsPattern("  \\d+ of 12 sets left out of the ranking: fewer than 3 trades\n");
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", JobNames.OPTIMIZE_STRATEGY_JOB))
                .isEqualTo(1);
        long excluded = cli.count("SELECT COUNT(*) FROM sweep_results WHERE trades < 3");
        assertThat(again.out()).contains("  " + excluded + " of 12 sets left out of the ranking");
        assertThat(rankingLines(again.out())).hasSize((int) Math.min(10, 12 - excluded));
    }

    @Test
    void shouldDrawTheSameSetsForTheSameSeed() {
        String[] random = {"optimize", "--strategy", "rsi-bs-5m", "--param", "period=6..20:1", "--param",
                "oversold=20..40:5", "--search", "random", "--samples", "6", "--seed", "42", "--from", FROM, "--to", TO};
        CliRun other = declared(new CliRun(dir.resolve("other")));
        BitstampSample.importInto(other);

        CliRun.Result here = cli.run(random);
        CliRun.Result there = other.run(random);
        CliRun.Result otherSeed = cli.run(args(Arrays.copyOf(random, random.length - 6), "--seed", "43", "--from",
                FROM, "--to", TO));

        assertThat(here.exitCode()).as(here.out() + here.err()).isZero();
        assertThat(there.exitCode()).as(there.out() + there.err()).isZero();
        assertThat(here.out()).contains(": 6 sets (random oversold=20..40:5 period=6..20:1), sweep sweep-2");
        String sets = "SELECT set_index, params, total_return, sharpe, trades FROM sweep_results WHERE sweep_id = ?"
                + " ORDER BY set_index";
        assertThat(cli.query(sets, 2)).hasSize(6).isEqualTo(other.query(sets, 2));
        assertThat(otherSeed.out()).contains("sweep sweep-3");
        assertThat(cli.query("SELECT params FROM sweep_results WHERE sweep_id = 3 ORDER BY set_index"))
                .isNotEqualTo(cli.query("SELECT params FROM sweep_results WHERE sweep_id = 2 ORDER BY set_index"));
    }

    @Test
    void shouldResampleTheBestSetsTradesAsItsReplayMadeThemRepeatablyWithTheSeed() {
        String[] mc = args(GRID, "--objective", "return", "--top", "1", "--monte-carlo", "500", "--seed", "7");

        CliRun.Result first = cli.run(mc);
        CliRun.Result again = cli.run(mc);

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        List<String> lines = first.out().lines().toList();
        String best = lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("  RANK")).findFirst()
                .orElseThrow()) + 1);
        String params = best.substring(best.lastIndexOf(' ') + 1);
        // the best set's closed trades, as its replay stores them
        assertThat(cli.run(replayArgs(FROM, TO, params)).exitCode()).isZero();
        List<BigDecimal> returns = cli.query("SELECT pnl_percent FROM strategy_trades WHERE side = 'sell'"
                + " ORDER BY candle_time").stream().map(r -> new BigDecimal((String) r.get("pnl_percent"))).toList();
        assertThat(returns).isNotEmpty();
        MonteCarlo.Summary expected = MonteCarlo.of(returns, 500, 7);
        assertThat(first.out()).contains("monte carlo: rank 1's " + returns.size() + " trades resampled 500 times"
                + " (seed 7)\n")
                .contains(String.format("  %-14s %10s %10s %10s%n", "return", pct(expected.returnPercent()[0]),
                        pct(expected.returnPercent()[1]), pct(expected.returnPercent()[2])))
                .contains(String.format("  %-14s %10s %10s %10s%n", "max drawdown",
                        pct(expected.drawdownPercent()[0]), pct(expected.drawdownPercent()[1]),
                        pct(expected.drawdownPercent()[2])));
        assertThat(again.out()).as("the same sweep read from the table, resampled the same")
                .contains("read from sweep_results")
                .endsWith(first.out().substring(first.out().indexOf("monte carlo:")));
        assertBad(cli.run(args(GRID, "--monte-carlo", "0")), "error: --monte-carlo must be in [1, 100000], got 0");
    }

    @Test
    void shouldWalkForwardTradingEachTrainingsBestSetOnTheTestAfterItAsItsReplayDoes() {
        CliRun.Result walk = cli.run(args(GRID, "--objective", "return", "--walk-forward", "2d/1d"));

        assertThat(walk.exitCode()).as(walk.out() + walk.err()).isZero();
        assertThat(walk.out()).startsWith("walk-forward rsi-bs-5m (rsi on bitstamp BTC/USD 5m) 2d/1d rolling: 3 windows,"
                + " the best set of each training by return traded on the test that follows\n");
        List<String> rows = walk.out().lines().dropWhile(l -> !l.startsWith("  WINDOW")).skip(1).limit(3).toList();
        String[][] days = {{"2013-11-26", "2013-11-28", "2013-11-29"}, {"2013-11-27", "2013-11-29", "2013-11-30"},
                {"2013-11-28", "2013-11-30", "2013-12-01"}};
        double stitched = 1;
        for (int i = 0; i < 3; i++) {
            String[] cells = rows.get(i).strip().split("\\s+");
            // WINDOW, TRAINING (3 cells), TEST (3 cells), IN-SAMPLE, OUT-OF-SAMPLE, TRADES, SWEEP, PARAMETERS
            assertThat(cells[1] + cells[3] + cells[6]).isEqualTo(days[i][0] + days[i][1] + days[i][2]);
            String params = cells[11];
            // the training window's sweep, asked for on its own, is the same sweep and ranks the same set first
            CliRun.Result training = cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
                    "--param", "oversold=25,30,35", "--from", days[i][0], "--to", days[i][1], "--objective", "return",
                    "--top", "1");
            assertThat(training.out()).contains("read from sweep_results").contains("sweep " + cells[10] + " (");
            assertThat(rankingLines(training.out()).getFirst()).startsWith(String.format("  %4s %10s", 1, cells[7]))
                    .endsWith("  " + params);
            // the test window: what the chosen set's replay gives there
            CliRun.Result replay = cli.run(replayArgs(days[i][1], days[i][2], params));
            assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains(String.format("%n  %-18s %s%n", "total return", cells[8]))
                    .contains(String.format("%n  %-18s %s%n", "trades", cells[9]));
            stitched *= 1 + Double.parseDouble(cells[8].replace("%", "")) / 100;
        }
        String whole = walk.out().lines().filter(l -> l.startsWith("  out-of-sample, stitched: ")).findFirst()
                .orElseThrow();
        double printed = Double.parseDouble(whole.substring(whole.indexOf(": ") + 2, whole.indexOf('%')));
        assertThat(printed).as("the test windows compounded").isCloseTo((stitched - 1) * 100, within(0.02));
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isZero();

        assertBad(cli.run(args(GRID, "--walk-forward", "2x/1d")), "error: --walk-forward '2x/1d': expected"
                + " TRAIN/TEST[/anchored] with lengths in h, d or w, e.g. 60d/14d or 90d/30d/anchored");
        assertBad(cli.run(args(GRID, "--walk-forward", "4d/2d")), "error: --walk-forward 4d/2d: no whole window fits"
                + " in [2013-11-26T00:00:00Z, 2013-12-01T00:00:00Z): training and test take 6 days or more");
    }

    private static String pct(double percent) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", percent);
    }

    /** A stored set's figures as replay prints them: {@code "  total return       1.23%"}. */
    private static List<String> figureLines(Map<String, Object> row) {
        ReplayFigures.Values values = new ReplayFigures.Values(decimal(row, "total_return"),
                Double.parseDouble((String) row.get("annualised_return")), decimal(row, "buy_and_hold"),
                decimal(row, "max_drawdown"), ((Number) row.get("trades")).intValue(), decimal(row, "win_rate"),
                ratio(row, "profit_factor"), ratio(row, "sharpe"), ratio(row, "sortino"), decimal(row, "exposure"),
                decimal(row, "final_equity"), ((Number) row.get("position_open")).intValue() == 1);
        return ReplayFigures.display(values).entrySet().stream()
                .map(e -> String.format("  %-18s %s", e.getKey(), e.getValue())).toList();
    }

    private static BigDecimal decimal(Map<String, Object> row, String column) {
        return new BigDecimal((String) row.get(column));
    }

    private static OptionalDouble ratio(Map<String, Object> row, String column) {
        Object text = row.get(column);
        return text == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble((String) text));
    }

    @Test
    void shouldSweepAPluginTypeAndATa4jDeclarationHasNothingToSweep() {
        Path plugins = TestPlugins.smaCross(dir.resolve("plugins").resolve("sma.jar")).getParent();
        CliRun withPlugin = BitstampSample.declare(cli.with("trading.plugins.dir", plugins.toString()), "sma-bs-5m",
                "sma-cross", Map.of());
        withPlugin.with("trading.strategies.json-bs-5m.exchange", "bitstamp")
                .with("trading.strategies.json-bs-5m.symbol", "BTC/USD").with("trading.strategies.json-bs-5m.timeframe", "5m")
                .with("trading.strategies.json-bs-5m.type", "ta4j").with("trading.strategies.json-bs-5m.stake", "1000")
                .with("trading.strategies.json-bs-5m.definition-file", "../config/strategies/rsi-stop.json");

        CliRun.Result sweep = withPlugin.run("optimize", "--strategy", "sma-bs-5m", "--param", "fast=3..9:3",
                "--param", "slow=5,10,20", "--min-trades", "1");

        assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isZero();
        assertThat(sweep.out()).contains(": 7 sets (grid fast=3..9:3 slow=5,10,20), sweep sweep-2 (COMPLETED")
                .contains("\n  2 combinations of the specs refused by sma-cross (an order between its parameters), "
                        + "not computed\n");
        assertThat(withPlugin.count("SELECT COUNT(*) FROM sweep_results WHERE sweep_id = 2")).isEqualTo(7);
        assertBad(withPlugin.run("optimize", "--strategy", "sma-bs-5m", "--param", "slow=2,10"),
                "error: --param 'slow=2,10': param 'slow' must be an integer in [3, 400], got '2'");
        assertBad(withPlugin.run("optimize", "--strategy", "json-bs-5m", "--param", "period=10,14"),
                "error: --param: ta4j has no parameters to sweep (a ta4j strategy's values are in its definition)");
    }

    private long workerSteps(long executionId) {
        return cli.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                + " AND STEP_NAME LIKE 'optimizeSetsStep:%'", executionId);
    }

    /** The ranking's rows, best first. */
    private static List<String> rankingLines(String out) {
        return out.lines().dropWhile(line -> !line.startsWith("  RANK")).skip(1).toList();
    }

    /** {@code replay} of rsi-bs-5m over [from, to) with the set {@code params} ({@code a=1,b=2}, as optimize prints it). */
    private static String[] replayArgs(String from, String to, String params) {
        List<String> all = new ArrayList<>(List.of("replay", "--strategy", "rsi-bs-5m", "--from", from, "--to", to));
        for (String param : params.split(",")) {
            all.add("--param");
            all.add(param);
        }
        return all.toArray(String[]::new);
    }

    private static String[] args(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertBad(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
