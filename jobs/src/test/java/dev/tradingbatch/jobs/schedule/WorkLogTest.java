package dev.tradingbatch.jobs.schedule;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.drift.DriftScores;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import dev.tradingbatch.jobs.gaps.GapFillResult;
import dev.tradingbatch.jobs.operations.JobRun;
import dev.tradingbatch.jobs.operations.StaleExecutions;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's one line per piece of work: its level and the result's fields in it. */
class WorkLogTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final BackfillResult.Target RANGE = new BackfillResult.Target(BTC, T0, T0 + 3 * H, Optional.empty());

    final Logger logger = (Logger) LoggerFactory.getLogger(ScheduledWork.class);
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Level level;

    @BeforeEach
    void listen() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);   // the tests' logging configuration may be quieter
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        logger.setLevel(level);
    }

    @Test
    void shouldLogACompletedBackfillAtInfoWithItsCountsAndTheRunItContinued() {
        StaleExecutions.Recovered dead = new StaleExecutions.Recovered(4, "backfillCandlesJob", BatchStatus.STARTED,
                "process 77 on host-a is gone: marked FAILED so it can be restarted (jobs restart 4)");
        WorkLog.backfill(new BackfillResult.Ran(RANGE, Optional.empty(), Optional.of(new BackfillSummary(1, 3, 0, 0)),
                new JobRun(5, BatchStatus.COMPLETED, "", Optional.of(dead))));

        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).isEqualTo("backfill binance BTC/USDT 1h [2024-01-01T00:00:00Z, "
                    + "2024-01-01T03:00:00Z): 1 page fetched, 3 stored, 0 already present, 0 rejected (COMPLETED, "
                    + "execution 5); execution 4 was left STARTED: process 77 on host-a is gone: marked FAILED so it "
                    + "can be restarted (jobs restart 4); restarting it");
        });
    }

    @Test
    void shouldLogAFailedOrStoppedRunAtWarnWithWhy() {
        WorkLog.backfill(new BackfillResult.Ran(RANGE, Optional.empty(), Optional.of(new BackfillSummary(1, 2, 0, 0)),
                new JobRun(6, BatchStatus.FAILED, "binance answered HTTP 503", Optional.empty())));
        WorkLog.gapFill(new GapFillResult.Ran(BTC, true, Optional.empty(), Optional.empty(),
                new JobRun(7, BatchStatus.STOPPED, "stopped", Optional.empty())));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(lines.list.get(0).getFormattedMessage()).endsWith("): 1 page fetched, 2 stored, 0 already present, "
                + "0 rejected (FAILED, execution 6); failed: binance answered HTTP 503");
        assertThat(lines.list.get(1).getFormattedMessage()).isEqualTo("fill gaps binance BTC/USDT 1h (continuing an "
                + "unfinished fill): no fill step ran (STOPPED, execution 7); failed: stopped");
    }

    @Test
    void shouldLogNothingToDoAtInfoAndWhatKeptAJobFromStartingAtWarn() {
        WorkLog.backfill(new BackfillResult.NothingToBackfill(BTC, OptionalLong.of(T0 + 2 * H), Optional.of(
                new BackfillResult.Clipped("binance", Timeframe.H1, OptionalLong.empty(), T0, T0 + 3 * H))));
        WorkLog.backfill(new BackfillResult.AlreadyRunning(RANGE, Optional.empty()));
        WorkLog.gapFill(new GapFillResult.NoGaps(BTC));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN, Level.INFO);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "backfill binance BTC/USDT 1h: nothing to backfill, stored up to 2024-01-01T02:00:00Z; binance serves "
                        + "1h candles from 2024-01-01T00:00:00Z only",
                "backfill binance BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-01-01T03:00:00Z): a backfill with these "
                        + "parameters is running already",
                "fill gaps binance BTC/USDT 1h: no gaps to fill");
    }

    @Test
    void shouldLogAnEvaluationThatWaitsForTheCandleAtInfo() {
        DeclaredStrategy rsi = new DeclaredStrategy("btc-bin-1h", BTC, StrategySpec.of("rsi", Map.of("period", "3")),
                new BigDecimal("1000"), new BigDecimal("0.001"), BigDecimal.ZERO);

        WorkLog.evaluation(new EvaluationResult.CandleNotStored(rsi, T0 + 2 * H, OptionalLong.of(T0 + H)));
        WorkLog.evaluation(new EvaluationResult.Evaluated(rsi, T0 + 2 * H, 1, List.of(), Optional.empty(),
                Optional.empty(), new JobRun(9, BatchStatus.COMPLETED, "", Optional.empty()), List.of()));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "evaluate btc-bin-1h (rsi on binance BTC/USDT 1h): the candle of 2024-01-01T02:00:00Z is not stored "
                        + "yet (newest stored: 2024-01-01T01:00:00Z); nothing evaluated",
                "evaluate btc-bin-1h (rsi on binance BTC/USDT 1h): 1 candle evaluated up to 2024-01-01T02:00:00Z, "
                        + "0 trades (COMPLETED, execution 9)");
    }

    @Test
    void shouldLogEachStrategysDriftAtInfoAndAFailedComputationAtWarn() {
        WorkLog.drift(new DriftScores.Outcome(Optional.of(new JobRun(11, BatchStatus.COMPLETED, "", Optional.empty())),
                Optional.empty(), List.of("btc-bin-1h: drift score 83.33 % (1 matched, 4 only live, 6 only replay)",
                "eth-bin-1h: drift score 0.00 % (3 matched, 0 only live, 0 only replay)"), 2, 1));
        WorkLog.drift(new DriftScores.Outcome(Optional.of(new JobRun(12, BatchStatus.FAILED, "database is full",
                Optional.empty())), Optional.empty(), List.of(), 0, 0));
        WorkLog.drift(new DriftScores.Outcome(Optional.empty(), Optional.of("a drift computation of these strategies"
                + " runs already"), List.of(), 0, 0));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN, Level.WARN);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "drift: 2 scores stored, 1 drifting (COMPLETED, execution 11); btc-bin-1h: drift score 83.33 % (1 "
                        + "matched, 4 only live, 6 only replay); eth-bin-1h: drift score 0.00 % (3 matched, 0 only live,"
                        + " 0 only replay)",
                "drift: 0 scores stored, 0 drifting (FAILED, execution 12); failed: database is full",
                "drift: not started, a drift computation of these strategies runs already");
    }
}
