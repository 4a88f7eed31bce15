package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.jobs.operations.JobLaunches;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code evaluate --strategy ID}: evaluates a strategy on the candles closed since its last evaluation.
 * The first evaluation of a strategy (or the first after its parameters changed) starts at the newest
 * closed candle, with {@code warmUpBars} candles of history before it; later ones evaluate every
 * candle from that first one again (so the result is exactly what a replay gives) and store the
 * trades on candles not evaluated before. It does not trade on a partial series: when the newest
 * closed candle is not stored yet, the history is too short, or an open gap lies in the candles it
 * needs, it says so and evaluates nothing.
 * <p>
 * Job parameters: {@code strategy} and {@code through} (open time of the newest closed candle)
 * identify a run, so evaluating again for the same candle is a no-op; {@code first}, {@code after}
 * and {@code restore} say what to evaluate and which open position carried over.
 */
@Service
public class EvaluateService {

    private final DeclaredStrategies declared;
    private final CandleRepository candles;
    private final GapRepository gaps;
    private final TradeRepository trades;
    private final JobLaunches launches;
    private final Job evaluateStrategyJob;
    private final ExecutionLookup executions;
    private final Clock clock;

    EvaluateService(DeclaredStrategies declared, CandleRepository candles, GapRepository gaps, TradeRepository trades,
                    JobLaunches launches, Job evaluateStrategyJob, ExecutionLookup executions,
                    Clock clock) {
        this.declared = declared;
        this.candles = candles;
        this.gaps = gaps;
        this.trades = trades;
        this.launches = launches;
        this.evaluateStrategyJob = evaluateStrategyJob;
        this.executions = executions;
        this.clock = clock;
    }

    /** Returns the exit code: 0 evaluated or nothing to do, 1 the job failed. */
    public int run(String strategyId, PrintWriter out) {
        DeclaredStrategy s = declared.tradable(strategyId);
        MarketKey market = s.market();
        long tf = market.timeframe().millis();
        long through = market.timeframe().floor(clock.millis()) - tf;
        String what = "evaluate " + s.id() + " (" + s.spec().type().code() + " on " + market + ")";
        Optional<ExecutionContext> previous = lastCompleted(s.id());
        long last = previous.map(c -> c.getLong(EvaluateJobConfiguration.LAST)).orElse(Long.MIN_VALUE);
        if (last >= through) {
            out.println(what + ": nothing new, evaluated up to the candle of " + iso(last));
            return 0;
        }
        OptionalLong latest = candles.latestOpenTime(market);
        if (latest.isEmpty() || latest.getAsLong() < through) {
            out.println(what + ": the candle of " + iso(through) + " is not stored yet (" + (latest.isEmpty()
                    ? "no candles stored" : "newest stored: " + iso(latest.getAsLong()))
                    + "); nothing evaluated, run the backfill first");
            return 0;
        }
        boolean sameParams = previous.isPresent()
                && s.paramsJson().equals(previous.get().getString(EvaluateJobConfiguration.PARAMS));
        long first = sameParams ? previous.get().getLong(EvaluateJobConfiguration.FIRST) : through;
        long after = sameParams ? last : through - 1;
        Long restore = sameParams ? (previous.get().containsKey(EvaluateJobConfiguration.RESTORED)
                ? previous.get().getLong(EvaluateJobConfiguration.RESTORED) : null)
                : trades.openPosition(s.id(), RunIds.LIVE).map(TradeRow::candleTime).orElse(null);
        long loadFrom = loadFrom(s, first, restore);
        long firstStored = candles.firstOpenTime(market).orElseThrow();
        if (firstStored > loadFrom) {
            out.println(what + ": needs " + s.spec().warmUpBars() + " candles of history before " + iso(first)
                    + ", stored from " + iso(firstStored) + " only; nothing evaluated (backfill --from "
                    + iso(loadFrom) + ")");
            return 0;
        }
        // a series imported from a file has no exchange to ask: its gaps are what the file holds
        List<Gap> open = !DeclaredStrategies.isExchange(market.exchange()) ? List.of()
                : gaps.gaps(market, loadFrom, through + tf).stream().filter(g -> !g.confirmedEmpty()).toList();
        if (!open.isEmpty()) {
            Gap g = open.getFirst();
            out.println(what + ": " + open.size() + (open.size() == 1 ? " gap" : " gaps") + " in the candles it needs, "
                    + "first [" + iso(g.start()) + ", " + iso(g.end()) + "); nothing evaluated (backfill --fill-gaps)");
            return 0;
        }
        JobParametersBuilder params = new JobParametersBuilder()
                .addString("strategy", s.id())
                .addLong("through", through)
                .addLong("first", first, false)
                .addLong("after", after, false);
        if (restore != null) {
            params.addLong("restore", restore, false);
        }
        JobExecution execution;
        try {
            execution = launches.start(evaluateStrategyJob, params.toJobParameters(), out);
        } catch (JobInstanceAlreadyCompleteException e) {
            out.println(what + ": nothing new, evaluated up to the candle of " + iso(through));
            return 0;
        } catch (JobExecutionAlreadyRunningException e) {
            out.println(what + ": an evaluation for the candle of " + iso(through) + " is running already");
            return 1;
        } catch (Exception e) {
            out.println(what + " cannot start: " + e.getMessage());
            return 1;
        }
        ExecutionContext ctx = execution.getExecutionContext();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println(what + ": " + execution.getStatus() + ", execution " + execution.getId());
            out.println("failed: " + execution.getExitStatus().getExitDescription());
            return 1;
        }
        int written = ctx.getInt(EvaluateJobConfiguration.TRADES, 0);
        int evaluated = ctx.getInt(EvaluateJobConfiguration.EVALUATED, 0);
        out.println(what + ": " + evaluated + (evaluated == 1 ? " candle" : " candles") + " evaluated up to "
                + iso(through) + ", " + written + (written == 1 ? " trade" : " trades") + " (COMPLETED, execution "
                + execution.getId() + ")");
        trades.latest(s.id(), RunIds.LIVE, written).forEach(t -> out.println("  " + t.side() + " "
                + t.quantity().toPlainString() + " at " + t.price().toPlainString() + " on the candle of "
                + iso(t.candleTime()) + (t.pnl() == null ? "" : ", pnl " + t.pnl().toPlainString() + " ("
                + t.pnlPercent().toPlainString() + "%)")));
        trades.openPosition(s.id(), RunIds.LIVE).ifPresent(t -> out.println("  open position: "
                + t.quantity().toPlainString() + " bought at " + t.price().toPlainString() + " on the candle of " + iso(t.candleTime())));
        return 0;
    }

    /** The first candle to load: warm-up history before {@code first}, and the entry of a carried-over position. */
    static long loadFrom(DeclaredStrategy s, long first, Long restore) {
        long from = s.warmUpFrom(first);
        return restore == null ? from : Math.min(from, restore);
    }

    /** The job execution context of the strategy's last completed evaluation. */
    private Optional<ExecutionContext> lastCompleted(String strategyId) {
        return executions.last(JobNames.EVALUATE_STRATEGY_JOB, Map.of("strategy", strategyId), BatchStatus.COMPLETED)
                .map(JobExecution::getExecutionContext);
    }
}
