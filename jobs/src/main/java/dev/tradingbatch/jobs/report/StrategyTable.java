package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.StrategyHalt;

import java.util.List;

/**
 * Every declared strategy's figures in one run, in {@code sort} order: {@code report} without --strategy.
 *
 * @param halts the halts in force now (of all strategies first), listed under the table
 */
public record StrategyTable(List<StrategyReport> rows, String runId, ReportSort sort, List<StrategyHalt> halts) {

    /** The table's column headings, as {@link #lines} prints them. */
    public static List<String> header() {
        return ReportText.header();
    }

    /** A row's cells under {@link #header}, each figure as {@link #lines} prints it. */
    public static List<String> cells(StrategyReport row) {
        return List.of(ReportText.cells(row));
    }

    /** The table's lines, under a line naming the run and the order, and a line per halt under it. */
    public List<String> lines() {
        return ReportText.table(this);
    }
}
