package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.StoredStrategy;

/** One strategy and the figures of its trades in one run. */
public record StrategyReport(StoredStrategy strategy, ReportMetrics metrics) {
}
