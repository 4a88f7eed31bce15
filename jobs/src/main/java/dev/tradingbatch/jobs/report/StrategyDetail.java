package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.Query2Row;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.model.Candle;

import java.util.List;
import java.util.Optional;

/**
 * One strategy's figures in one run, what {@code report --strategy} shows.
 *
 * @param lastCandle the last stored candle of its market, to value an open position; empty without one
 * @param query2     the reference Query 2's row; empty for a run other than {@code live}, or without live trades
 * @param halt       the halt that stops it from trading now, if any
 * @param executions a live strategy's filled orders, modelled price beside the real average; none for paper
 */
public record StrategyDetail(StrategyReport report, String runId, Optional<Candle> lastCandle,
                             Optional<Query2Row> query2, Optional<StrategyHalt> halt,
                             List<ReportRepository.Execution> executions) {

    /** The report's lines, one figure each. */
    public List<String> lines() {
        return ReportText.detail(this);
    }
}
