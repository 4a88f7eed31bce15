package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

import java.util.Arrays;
import java.util.List;

/**
 * The one Quartz job class: every trigger of a service fires it, its data map says what to run
 * (kind, series, strategy, chained strategies) and {@link ScheduledWork} runs it as a Spring Batch
 * job whose identifying parameters come from the series and the candle, so a second fire for the same
 * candle is a no-op. Never two at once for the same series or strategy.
 */
@DisallowConcurrentExecution
public class ScheduledJob implements Job {

    static final String KIND = "kind";
    static final String EXCHANGE = "exchange";
    static final String SYMBOL = "symbol";
    static final String TIMEFRAME = "timeframe";
    static final String STRATEGY = "strategy";
    static final String CHAINED = "chained";
    static final String ACCOUNT = "account";

    private final ScheduledWork work;

    ScheduledJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        PlannedRun.Kind kind = PlannedRun.Kind.valueOf(data.getString(KIND));
        try {
            switch (kind) {
                case BACKFILL -> work.backfill(market(data), chained(data));
                case FILL_GAPS -> work.fillGaps(market(data));
                case EVALUATE -> work.evaluate(data.getString(STRATEGY));
                case RETENTION -> work.retain(market(data));
                case RECONCILE -> work.reconcile(data.getString(ACCOUNT));
                case ALERTS -> work.alerts();
                case DRIFT -> work.drift(chained(data));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobExecutionException(e);
        }
    }

    private static MarketKey market(JobDataMap data) {
        return new MarketKey(data.getString(EXCHANGE), data.getString(SYMBOL), Timeframe.parse(data.getString(TIMEFRAME)));
    }

    private static List<String> chained(JobDataMap data) {
        String text = data.getString(CHAINED);
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
