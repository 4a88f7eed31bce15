package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.RunIds;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;

/** {@code replay list}: the recorded replays, newest first, each with the run id its trades are stored under. */
@Service
public class ReplayRuns {

    private final JobRepository jobRepository;
    private final TradeRepository trades;
    private final ExecutionLookup executions;

    ReplayRuns(JobRepository jobRepository, TradeRepository trades, ExecutionLookup executions) {
        this.executions = executions;
        this.jobRepository = jobRepository;
        this.trades = trades;
    }

    /**
     * One recorded replay.
     *
     * @param from      first candle evaluated (open time, UTC epoch ms)
     * @param to        end of the range, exclusive
     * @param evaluated candles evaluated
     * @param trades    fills stored under {@code runId}
     * @param params    the strategy's parameters as run: {@code oversold=30,overbought=70,period=14}
     */
    public record ReplayRun(String runId, String strategy, long from, long to, BatchStatus status, int evaluated,
                            int trades, String params, String stake, String feeRate, String slippageBps) {
    }

    /** The recorded replays, of one strategy when {@code strategy} is given; newest first. */
    public List<ReplayRun> list(String strategy) {
        List<Long> ids = executions.ids(JobNames.REPLAY_STRATEGY_JOB, strategy == null ? Map.of() : Map.of("strategy", strategy),
                null, Integer.MAX_VALUE);
        if (ids.isEmpty() && strategy != null && !trades.declarations().containsKey(strategy)) {
            throw new BadInputException("unknown strategy '" + strategy + "'");
        }
        return ids.stream().map(jobRepository::getJobExecution).map(ReplayRuns::run).toList();
    }

    private static ReplayRun run(JobExecution e) {
        JobParameters p = e.getJobParameters();
        ExecutionContext ctx = e.getExecutionContext();
        String runId = ctx.getString(ReplayJobConfiguration.RUN_ID, RunIds.replay(e.getJobInstance().getInstanceId()));
        return new ReplayRun(runId, p.getString("strategy"), p.getLong("from"), p.getLong("to"), e.getStatus(),
                ctx.getInt(ReplayJobConfiguration.EVALUATED, 0), ctx.getInt(ReplayJobConfiguration.TRADES, 0),
                p.getString("params"), p.getString("stake"), p.getString("feeRate"), p.getString("slippageBps"));
    }
}
