package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.model.MarketKey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One scheduled job of a service: what it does, for which series or strategy, and when it fires.
 *
 * @param every      fires every this long after {@code firstFire} (null for a cron schedule)
 * @param cron       a Quartz cron expression in UTC (null for a periodic one)
 * @param firstFire  the first regular fire after now (market time)
 * @param market     the series, null for a reconciliation, alerts and drift
 * @param strategies for a backfill in role {@code all}: the strategies evaluated right after it; for drift: the
 *                   strategies compared, empty for every declared one
 * @param account    for a reconciliation: the account reconciled; null otherwise
 */
public record PlannedRun(Kind kind, MarketKey market, String strategy, Duration every, String cron, Instant firstFire,
                         List<String> strategies, String account) {

    public enum Kind { BACKFILL, FILL_GAPS, EVALUATE, RETENTION, RECONCILE, ALERTS, DRIFT }

    /** The Quartz job name, unique per service: {@code backfill binance BTC/USDT 1h}, {@code evaluate btc-bin-1h}. */
    public String name() {
        return switch (kind) {
            case BACKFILL -> "backfill " + market;
            case FILL_GAPS -> "fill-gaps " + market;
            case EVALUATE -> "evaluate " + strategy;
            case RETENTION -> "retention " + market;
            case RECONCILE -> "reconcile " + account;
            case ALERTS -> "alerts";
            case DRIFT -> "drift";
        };
    }
}
