package dev.tradingbatch.jobs.demo;

import dev.tradingbatch.jobs.replay.ReplayService;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** Writes the demo's replay reports. */
@Component
class DemoReports {

    /** Where a report went and the replay's total return, as shown in the summary. */
    record Written(Path file, String totalReturn) {
    }

    Written write(String strategyId, ReplayService.Outcome outcome, Path dir) {
        return new Written(dir.resolve(strategyId + ".html"), "-");
    }
}
