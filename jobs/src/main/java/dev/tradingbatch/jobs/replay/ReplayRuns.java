package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code replay list}: the recorded replays, newest first, each with the run id its trades are stored under. */
@Service
public class ReplayRuns {

    private static final String ROW = "%-12s %-16s %-44s %-9s %7s %7s  %s%n";

    private final JobRepository jobRepository;
    private final TradeRepository trades;
    private final ExecutionLookup executions;

    ReplayRuns(JobRepository jobRepository, TradeRepository trades, ExecutionLookup executions) {
        this.executions = executions;
        this.jobRepository = jobRepository;
        this.trades = trades;
    }

    public int list(String strategy, PrintWriter out) {
        List<Long> ids = executions.ids("replayStrategyJob", strategy == null ? Map.of() : Map.of("strategy", strategy),
                null, Integer.MAX_VALUE);
        if (ids.isEmpty()) {
            if (strategy != null && !trades.declarations().containsKey(strategy)) {
                throw new BadInputException("unknown strategy '" + strategy + "'");
            }
            out.println("no replays recorded yet (see: replay --help)");
            return 0;
        }
        out.printf(ROW, "RUN", "STRATEGY", "RANGE (UTC)", "STATUS", "CANDLES", "TRADES", "PARAMETERS");
        for (Long id : ids) {
            JobExecution e = jobRepository.getJobExecution(id);
            JobParameters p = e.getJobParameters();
            ExecutionContext ctx = e.getExecutionContext();
            out.printf(ROW, ctx.getString(ReplayJobConfiguration.RUN_ID, "replay-" + e.getJobInstance().getInstanceId()),
                    p.getString("strategy"), OpenTimes.iso(p.getLong("from")) + " .. " + OpenTimes.iso(p.getLong("to")),
                    e.getStatus(), ctx.getInt(ReplayJobConfiguration.EVALUATED, 0), ctx.getInt(ReplayJobConfiguration.TRADES, 0),
                    p.getString("params") + ", stake " + p.getString("stake") + ", fee " + p.getString("feeRate")
                            + ", slippage " + p.getString("slippageBps") + " bps");
        }
        return 0;
    }
}
