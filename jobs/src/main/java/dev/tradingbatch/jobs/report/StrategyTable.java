package dev.tradingbatch.jobs.report;

import java.util.List;

/** Every declared strategy's figures in one run, in {@code sort} order: {@code report} without --strategy. */
public record StrategyTable(List<StrategyReport> rows, String runId, ReportSort sort) {

    /** The table's lines, under a line naming the run and the order. */
    public List<String> lines() {
        return ReportText.table(this);
    }
}
