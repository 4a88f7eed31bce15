package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.db.HaltRepository;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.config.AlertProperties;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.jobs.operations.ExecutionText;
import dev.tradingbatch.jobs.schedule.SchedulePlan;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.TradeRow;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * Finds the events worth an alert in the database as it is now, within {@code trading.alerts.lookback}: live
 * trades, failed job executions, halts, configured series whose newest candle is {@code stale-after} candles
 * or more behind, and strategies whose latest drift score is over {@code drift-threshold}. Reads only; each event gets a key of its own so it is recorded once however often it is found.
 */
@Component
class AlertScan {

    /** Failed executions looked at per scan, newest first. */
    private static final int FAILED_LIMIT = 50;

    private final TradeRepository trades;
    private final HaltRepository halts;
    private final CandleRepository candles;
    private final DriftScoreRepository drift;
    private final ExecutionLookup executions;
    private final JobRepository jobRepository;
    private final SchedulePlan plan;
    private final AlertProperties settings;
    private final Clock clock;

    AlertScan(TradeRepository trades, HaltRepository halts, CandleRepository candles, DriftScoreRepository drift,
              ExecutionLookup executions, JobRepository jobRepository, SchedulePlan plan, TradingProperties properties,
              Clock clock) {
        this.drift = drift;
        this.trades = trades;
        this.halts = halts;
        this.candles = candles;
        this.executions = executions;
        this.jobRepository = jobRepository;
        this.plan = plan;
        this.settings = properties.alerts();
        this.clock = clock;
    }

    /** Every event found now, trades first. */
    List<Finding> scan() {
        long now = clock.millis();
        long since = now - settings.lookback().toMillis();
        List<Finding> found = new ArrayList<>();
        trades.liveSince(since).forEach(t -> found.add(trade(t)));
        for (long id : executions.ids(null, Map.of(), BatchStatus.FAILED, FAILED_LIMIT)) {
            JobExecution e = jobRepository.getJobExecution(id);
            if (e != null && e.getEndTime() != null
                    && e.getEndTime().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() >= since) {
                found.add(failed(e));
            }
        }
        halts.all().stream().filter(h -> h.haltedAt() >= since).forEach(h -> found.add(halted(h)));
        for (MarketKey m : plan.markets()) {
            stale(m, now).ifPresent(found::add);
        }
        drift.all().stream().filter(d -> d.computedAt() >= since && d.score().compareTo(settings.driftThreshold()) > 0)
                .forEach(d -> found.add(drifted(d)));
        return found;
    }

    private static Finding trade(TradeRow t) {
        return new Finding("trade:" + t.strategyId() + ":" + t.candleTime() + ":" + t.side(), "trade", t.strategyId(),
                t.strategyId() + ": " + t.side() + " " + t.quantity().toPlainString() + " " + t.symbol() + " at "
                        + t.price().toPlainString() + " on the candle of " + iso(t.candleTime())
                        + (t.pnl() == null ? "" : ", pnl " + t.pnl().toPlainString())
                        + ". To stop it trading: halt --strategy " + t.strategyId());
    }

    private static Finding failed(JobExecution e) {
        String job = e.getJobInstance().getJobName();
        String params = ExecutionText.parameters(e.getJobParameters());
        String why = ExecutionText.shorten(ExecutionText.firstLine(e.getExitStatus().getExitDescription()), 300);
        String subject = job + (params.isEmpty() ? "" : " " + params);
        return new Finding("job-failed:" + e.getId(), "job-failed", subject, subject + ": execution " + e.getId()
                + " FAILED: " + why + ". Once the cause is fixed, continue it: jobs restart " + e.getId()
                + " (details: jobs show " + e.getId() + ")");
    }

    private static Finding halted(StrategyHalt h) {
        String who = h.all() ? "every strategy" : h.strategyId();
        return new Finding("halted:" + h.strategyId() + ":" + h.haltedAt(), "halted", who, who + " halted since "
                + iso(h.haltedAt()) + " (" + h.reason().map(r -> "reason: " + r).orElse("no reason given")
                + "); nothing is evaluated. When it is safe: "
                + (h.all() ? "resume --all" : "resume --strategy " + h.strategyId()));
    }

    /**
     * Keyed by what differs (the newest trade only one side made, and how many there are), not by the computation:
     * the same drift found again an interval later is the same event, a new trade that differs is a new one.
     */
    private Finding drifted(DriftScore d) {
        String threshold = settings.driftThreshold().stripTrailingZeros().toPlainString();
        return new Finding("drift:" + d.strategyId() + ":" + d.newestUnmatched().orElse(0) + ":" + d.onlyLive() + ":"
                + d.onlyReplay(), "drift", d.strategyId(), d.strategyId() + ": drift detected, score "
                + d.score().toPlainString() + " % (over " + threshold + " %): its live trades from " + iso(d.windowFrom())
                + " to " + iso(d.windowTo()) + " against a replay of it as declared now, " + d.matched() + " matched, "
                + d.onlyLive() + " only live, " + d.onlyReplay() + " only replay (" + d.missed()
                + " on candles not evaluated live, " + d.otherDeclaration() + " under a declaration changed since, "
                + d.differentSignal() + " other). See which trades differ and why: drift --strategy " + d.strategyId());
    }

    private java.util.Optional<Finding> stale(MarketKey m, long now) {
        OptionalLong newest = candles.latestOpenTime(m);
        if (newest.isEmpty()) {
            return java.util.Optional.empty();   // never backfilled: nothing has gone stale yet
        }
        long tf = m.timeframe().millis();
        long lastClosed = m.timeframe().floor(now) - tf;
        long behind = (lastClosed - newest.getAsLong()) / tf;
        if (behind < settings.staleAfter()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding("stale:" + m + ":" + newest.getAsLong(), "stale", m.toString(),
                m + ": newest candle " + iso(newest.getAsLong()) + ", " + behind + " closed candles missing after it"
                        + " (stale after " + settings.staleAfter() + "). Check the backfiller's log, then: backfill"
                        + " --exchange " + m.exchange() + " --symbol " + m.symbol() + " --timeframe "
                        + m.timeframe().code() + " --fill-gaps"));
    }
}
