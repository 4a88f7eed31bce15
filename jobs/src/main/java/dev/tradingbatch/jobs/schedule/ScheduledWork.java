package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.alerts.AlertService;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.drift.DriftScores;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.gaps.GapFills;
import dev.tradingbatch.jobs.maintenance.ArchiveRequest;
import dev.tradingbatch.jobs.maintenance.ArchiveService;
import dev.tradingbatch.jobs.reconcile.ReconcileService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What a scheduled fire does, through the same services as the commands: a backfill of one series
 * (from where it is stored, or its configured history), followed in role {@code all} by the
 * evaluation of the strategies trading it; a gap fill; an evaluation that first waits, bounded, for
 * the backfiller to store the candle that just closed. Every outcome is logged ({@link WorkLog}), and
 * evaluations follow a backfill only when it succeeded.
 */
@Service
public class ScheduledWork {

    private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);

    private final BackfillService backfill;
    private final GapFills gapFills;
    private final EvaluateService evaluate;
    private final DeclaredStrategies strategies;
    private final CandleRepository candles;
    private final SchedulePlan plan;
    private final TradingProperties properties;
    private final Clock clock;
    private final ArchiveService archive;
    private final ReconcileService reconcile;
    private final AlertService alerts;
    private final DriftScores drift;

    ScheduledWork(BackfillService backfill, GapFills gapFills, EvaluateService evaluate, DeclaredStrategies strategies,
                  CandleRepository candles, SchedulePlan plan, TradingProperties properties, Clock clock,
                  ArchiveService archive, ReconcileService reconcile, AlertService alerts, DriftScores drift) {
        this.alerts = alerts;
        this.drift = drift;
        this.reconcile = reconcile;
        this.archive = archive;
        this.backfill = backfill;
        this.gapFills = gapFills;
        this.evaluate = evaluate;
        this.strategies = strategies;
        this.candles = candles;
        this.plan = plan;
        this.properties = properties;
        this.clock = clock;
    }

    /** Backfills the series up to its last closed candle, then evaluates {@code chained} strategies. */
    public void backfill(MarketKey market, List<String> chained) {
        String from = candles.latestOpenTime(market).isPresent() ? null
                : Instant.ofEpochMilli(market.timeframe().ceil(clock.millis() - plan.history(market).toMillis())).toString();
        attempt("backfill " + market, () -> backfill.run(BackfillRequest.parse(market.exchange(), market.symbol(),
                market.timeframe().code(), from, null, null, null))).ifPresent(result -> {
            WorkLog.backfill(result);
            if (result.succeeded()) {
                chained.forEach(this::evaluateNow);
            }
        });
    }

    /**
     * Archives the series' candles older than its retention (whole candles before {@code now - retention})
     * to {@code <archive-dir>/<exchange>-<symbol>-<tf>-before-<time>.csv.gz} and deletes them.
     */
    public void retain(MarketKey market) {
        plan.retention(market).ifPresent(keep -> {
            long before = market.timeframe().floor(clock.millis() - keep.toMillis());
            String name = (market.exchange() + "-" + market.symbol().replace('/', '-') + "-" + market.timeframe().code()
                    + "-before-" + Instant.ofEpochMilli(before)).replace(':', '-') + ".csv.gz";
            Path file = properties.schedule().archiveDir().resolve(name).toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
                ArchiveService.Archive a = archive.archive(new ArchiveRequest(market, before, file));
                log.info("retention {}: archived {} candles before {} to {}", market, a.exported().count(),
                        Instant.ofEpochMilli(before), file);
            } catch (BadInputException e) {
                log.info("retention {}: {}", market, e.getMessage());   // nothing old enough yet
            } catch (IOException | RuntimeException e) {
                log.error("retention {}: {}", market, e.getMessage());
            }
        });
    }

    public void fillGaps(MarketKey market) {
        attempt("fill gaps " + market, () -> gapFills.fill(market, null, null)).ifPresent(WorkLog::gapFill);
    }

    /** Evaluates a strategy once the candle that just closed is stored, waiting at most {@code wait-for-candle}. */
    public void evaluate(String strategyId) throws InterruptedException {
        DeclaredStrategy s = strategies.get(strategyId);
        Timeframe tf = s.market().timeframe();
        long deadline = System.nanoTime() + properties.schedule().waitForCandle().toNanos();
        while (true) {
            long through = tf.floor(clock.millis()) - tf.millis();
            OptionalLong latest = candles.latestOpenTime(s.market());
            if ((latest.isPresent() && latest.getAsLong() >= through) || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(properties.schedule().pollInterval().toMillis());
        }
        evaluateNow(strategyId);
    }

    private void evaluateNow(String strategyId) {
        attempt("evaluate " + strategyId, () -> evaluate.run(strategyId)).ifPresent(WorkLog::evaluation);
    }

    /** Reconciles the account with its exchange ({@code reconcile --account}); what it found is logged. */
    public void reconcile(String account) {
        attempt("reconcile " + account, () -> reconcile.reconcile(account)).ifPresent(o -> o.forEach(WorkLog::reconciled));
    }

    /**
     * Records the alerts found now and sends the pending ones ({@code alerts --send}); a channel that is down is
     * logged and tried again later, never failing this or any other work.
     */
    public void alerts() {
        attempt("alerts", alerts::scanAndSend).ifPresent(WorkLog::alerts);
    }

    /**
     * Computes and stores the drift of the service's strategies ({@code drift --all} for them): what the metrics, the
     * dashboard and the drift alert read.
     */
    public void drift(List<String> strategyIds) {
        attempt("drift", () -> drift.compute(strategyIds)).ifPresent(WorkLog::drift);
    }

    /** Runs one piece of work; a failure is logged, never thrown into the scheduler. */
    private static <R> Optional<R> attempt(String what, Supplier<R> work) {
        try {
            return Optional.of(work.get());
        } catch (RuntimeException e) {
            log.error("{}: {}", what, e.getMessage());
            return Optional.empty();
        }
    }
}
