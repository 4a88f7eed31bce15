package dev.tradingbatch.jobs.demo;

import dev.tradingbatch.jobs.replay.ReplayReport;
import dev.tradingbatch.jobs.replay.ReplayService;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import org.springframework.stereotype.Component;

import java.math.RoundingMode;
import java.nio.file.Path;

/** Writes the demo's replay reports, one HTML file per strategy. */
@Component
public class DemoReports {

    private final ReplayReport reports;

    DemoReports(ReplayReport reports) {
        this.reports = reports;
    }

    /** Where a report went and the replay's total return and drawdown, as shown in the summary. */
    public record Written(Path file, String totalReturn, String maxDrawdown, String buyAndHold) {
    }

    Written write(String strategyId, ReplayService.Outcome outcome, Path dir) {
        Path file = dir.resolve(strategyId + ".html");
        BacktestMetrics m = reports.write(outcome.strategy(), outcome, file);
        return new Written(file, percent(m.totalReturnPercent()), percent(m.maxDrawdownPercent()),
                percent(m.buyAndHoldReturnPercent()));
    }

    private static String percent(java.math.BigDecimal p) {
        return p.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
