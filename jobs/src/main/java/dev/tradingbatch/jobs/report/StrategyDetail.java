package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.Query2Row;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.model.Candle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
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

    /** What the open position would make if closed at the last candle's close (see the report); empty when flat or without a candle. */
    public Optional<BigDecimal> unrealisedPnl() {
        return report.metrics().openPosition().flatMap(buy -> lastCandle.map(c -> ReportMetrics.unrealisedPnl(buy, c.close())));
    }

    /** The report's figures, label and value, as {@link #lines} prints them (the dashboard shows them in a table). */
    public List<Map.Entry<String, String>> figures() {
        return ReportText.figures(this);
    }

    /** The report's lines, one figure each. */
    public List<String> lines() {
        return ReportText.detail(this);
    }
}
