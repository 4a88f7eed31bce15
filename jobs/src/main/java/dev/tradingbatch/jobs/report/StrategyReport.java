package dev.tradingbatch.jobs.report;

/** One strategy and the figures of its trades in one run. */
record StrategyReport(DeclaredStrategy strategy, ReportMetrics metrics) {
}
