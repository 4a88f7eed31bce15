package dev.tradingbatch.jobs.halt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import dev.tradingbatch.jobs.schedule.ScheduledWork;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code halt} and {@code resume} on real candles (Bitstamp BTC/USD 5m): a halted strategy evaluates nothing, in
 * this process or another one on the same database, and says so; the others trade on.
 */
class HaltTest {

    static final long M5 = Timeframe.M5.millis();
    static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"));
        BitstampSample.declare(cli, "macd-bs-5m", "macd", Map.of());
    }

    /** Halts and resumes at {@link #NOW}. */
    private CliRun.Result command(String... args) {
        return cli.clock(Clock.fixed(NOW, ZoneOffset.UTC)).run(args);
    }

    /** Runs evaluate as the scheduler would just after the 1000th candle closed. */
    private CliRun.Result evaluate(String id) {
        return cli.clock(evaluationClock()).run("evaluate", "--strategy", id);
    }

    private Clock evaluationClock() {
        return Clock.fixed(Instant.ofEpochMilli(candles.get(1000).openTime() + M5 + 1000), ZoneOffset.UTC);
    }

    private long evaluations(String id) {
        return cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION e"
                + " ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'strategy'"
                + " AND p.PARAMETER_VALUE = ?", JobNames.EVALUATE_STRATEGY_JOB, id);
    }

    @Test
    void shouldEvaluateNothingForAHaltedStrategyAndSayWhyWhileOthersTradeOn() {
        CliRun.Result halt = command("halt", "--strategy", "rsi-bs-5m", "--reason", "exchange maintenance");

        assertThat(halt.exitCode()).as(halt.err()).isZero();
        assertThat(halt.out()).isEqualTo("rsi-bs-5m: halted since 2026-12-02T15:00:00Z by halt --strategy rsi-bs-5m"
                + " (reason: exchange maintenance); resume --strategy rsi-bs-5m lifts it\n");
        assertThat(cli.query("SELECT strategy_id, reason, halted_at FROM strategy_halts")).containsExactly(Map.of(
                "strategy_id", "rsi-bs-5m", "reason", "exchange maintenance", "halted_at", NOW.toEpochMilli()));

        CliRun.Result halted = evaluate("rsi-bs-5m");
        CliRun.Result other = evaluate("macd-bs-5m");

        assertThat(halted.exitCode()).as("a halt is not an error").isZero();
        assertThat(halted.out()).isEqualTo("evaluate rsi-bs-5m (rsi on bitstamp BTC/USD 5m): halted since "
                + "2026-12-02T15:00:00Z by halt --strategy rsi-bs-5m (reason: exchange maintenance); nothing evaluated"
                + " (resume --strategy rsi-bs-5m lifts it)\n");
        assertThat(evaluations("rsi-bs-5m")).isZero();
        assertThat(other.exitCode()).isZero();
        assertThat(other.out()).contains("1 candle evaluated up to " + Instant.ofEpochMilli(candles.get(1000).openTime()));
        assertThat(evaluations("macd-bs-5m")).isEqualTo(1);

        CliRun.Result resume = command("resume", "--strategy", "rsi-bs-5m");
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).isEqualTo("rsi-bs-5m: resumed (was halted since 2026-12-02T15:00:00Z by halt "
                + "--strategy rsi-bs-5m (reason: exchange maintenance))\n");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        assertThat(evaluate("rsi-bs-5m").out()).contains("1 candle evaluated");
        assertThat(evaluations("rsi-bs-5m")).isEqualTo(1);
    }

    @Test
    void shouldHaltEveryStrategyWithAllThoseDeclaredLaterTooUntilResumeAll() {
        command("halt", "--strategy", "rsi-bs-5m");
        CliRun.Result all = command("halt", "--all", "--reason", "kill switch");
        BitstampSample.declare(cli, "later-bs-5m", "macd", Map.of());

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).isEqualTo("every strategy: halted since 2026-12-02T15:00:00Z by halt --all (reason: kill"
                + " switch); resume --all lifts it\n");
        for (String id : List.of("rsi-bs-5m", "macd-bs-5m", "later-bs-5m")) {
            CliRun.Result r = evaluate(id);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains(": halted since").contains("nothing evaluated");
            assertThat(evaluations(id)).isZero();
        }
        assertThat(evaluate("rsi-bs-5m").out()).as("its own halt is named first")
                .contains("by halt --strategy rsi-bs-5m (no reason given)");
        assertThat(evaluate("macd-bs-5m").out()).contains("by halt --all (reason: kill switch); nothing evaluated"
                + " (resume --all lifts it)");

        CliRun.Result one = command("resume", "--strategy", "macd-bs-5m");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).isEqualTo("macd-bs-5m had no halt of its own\nmacd-bs-5m: still halted since "
                + "2026-12-02T15:00:00Z by halt --all (reason: kill switch); resume --all lifts it\n");
        assertThat(evaluations("macd-bs-5m")).isZero();

        CliRun.Result resumeAll = command("resume", "--all");
        assertThat(resumeAll.out()).isEqualTo("every strategy: resumed (was halted since 2026-12-02T15:00:00Z by halt"
                + " --all (reason: kill switch))\nrsi-bs-5m: resumed (was halted since 2026-12-02T15:00:00Z by halt"
                + " --strategy rsi-bs-5m (no reason given))\n");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        assertThat(evaluate("later-bs-5m").out()).contains("1 candle evaluated");
        assertThat(command("resume", "--all").out()).isEqualTo("no strategy was halted\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "halt --strategy nope|unknown strategy 'nope' (declared: ",
            "resume --strategy nope|unknown strategy 'nope' (declared: ",
            "halt|give --strategy ID or --all",
            "resume --all --strategy rsi-bs-5m|give --strategy ID or --all, not both"})
    void shouldRefuseBadInputWithOneLineAndWriteNothing(String line, String message) {
        CliRun.Result r = command(line.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        if (cli.migrated()) {
            assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        }
    }

    @Test
    void shouldResumeAStrategyHaltedAndNoLongerDeclared() {
        command("halt", "--all");
        cli.update("INSERT INTO strategy_halts (strategy_id, reason, halted_at) VALUES ('gone-bs-5m', NULL, ?)",
                NOW.toEpochMilli());

        CliRun.Result r = command("resume", "--strategy", "gone-bs-5m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("gone-bs-5m: resumed (was halted since 2026-12-02T15:00:00Z by halt --strategy"
                + " gone-bs-5m (no reason given))\n");
        assertThat(cli.query("SELECT strategy_id FROM strategy_halts")).containsExactly(Map.of("strategy_id", "*"));
    }

    @Test
    void shouldRefuseABlankReasonOrOneOfMoreThanOneLine() {
        CliRun.Result blank = command("halt", "--all", "--reason", " ");
        CliRun.Result lines = command("halt", "--strategy", "rsi-bs-5m", "--reason", "one\ntwo");

        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("error: --reason is blank: give a text, or leave the option out\n");
        assertThat(lines.exitCode()).isEqualTo(2);
        assertThat(lines.err()).isEqualTo("error: --reason must be one line (it is printed and logged as part of one)\n");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
    }

    @Test
    void shouldBeObeyedByAnotherProcessAtItsNextEvaluationAndLoggedByItsScheduler() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger(ScheduledWork.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Level level = logger.getLevel();
        // a trader that started before the halt, on the same database file
        try (ConfigurableApplicationContext trader = cli.clock(evaluationClock()).start()) {
            CliRun.Result halt = command("halt", "--strategy", "rsi-bs-5m", "--reason", "drawdown");
            assertThat(halt.exitCode()).isZero();
            // after the applications started: each sets up logging afresh
            logger.setLevel(Level.INFO);
            lines.start();
            logger.addAppender(lines);

            EvaluationResult result = trader.getBean(EvaluateService.class).run("rsi-bs-5m");
            trader.getBean(ScheduledWork.class).evaluate("rsi-bs-5m");

            assertThat(result).isInstanceOf(EvaluationResult.Halted.class);
            assertThat(((EvaluationResult.Halted) result).halt().reason()).contains("drawdown");
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "evaluate rsi-bs-5m (rsi on bitstamp BTC/USD 5m): skipped, halted: halt=strategy"
                            + " since=2026-12-02T15:00:00Z reason=drawdown; nothing evaluated");
            assertThat(evaluations("rsi-bs-5m")).isZero();

            command("resume", "--strategy", "rsi-bs-5m");
            assertThat(trader.getBean(EvaluateService.class).run("rsi-bs-5m"))
                    .isInstanceOf(EvaluationResult.Evaluated.class);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }
    }

    @Test
    void shouldShowHaltedInTheReport() {
        evaluate("rsi-bs-5m");
        evaluate("macd-bs-5m");
        command("halt", "--strategy", "rsi-bs-5m", "--reason", "manual check");

        List<String> table = command("report").out().lines().toList();
        List<String> detail = command("report", "--strategy", "rsi-bs-5m").out().lines().toList();
        List<String> other = command("report", "--strategy", "macd-bs-5m").out().lines().toList();

        assertThat(table.getLast()).isEqualTo("HALTED rsi-bs-5m: halted since 2026-12-02T15:00:00Z by halt --strategy"
                + " rsi-bs-5m (reason: manual check)");
        assertThat(detail.get(1)).isEqualTo("state           HALTED: halted since 2026-12-02T15:00:00Z by halt"
                + " --strategy rsi-bs-5m (reason: manual check)");
        assertThat(other).noneMatch(l -> l.contains("HALTED"));
    }
}
