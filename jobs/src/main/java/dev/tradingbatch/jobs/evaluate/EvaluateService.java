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
import dev.tradingbatch.jobs.operations.JobStart;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

    /** Evaluates the strategy on the candles closed since its last evaluation, if it can; says what it did. */
    public EvaluationResult run(String strategyId) {
        DeclaredStrategy s = declared.tradable(strategyId);
        MarketKey market = s.market();
        long tf = market.timeframe().millis();
        long through = market.timeframe().floor(clock.millis()) - tf;
        Optional<ExecutionContext> previous = lastCompleted(s.id());
        long last = previous.map(c -> c.getLong(EvaluateJobConfiguration.LAST)).orElse(Long.MIN_VALUE);
        if (last >= through) {
            return new EvaluationResult.NothingNew(s, last);
        }
        OptionalLong latest = candles.latestOpenTime(market);
        if (latest.isEmpty() || latest.getAsLong() < through) {
            return new EvaluationResult.CandleNotStored(s, through, latest);
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
            return new EvaluationResult.NotEnoughHistory(s, first, firstStored, loadFrom);
        }
        // a series imported from a file has no exchange to ask: its gaps are what the file holds
        List<Gap> open = !DeclaredStrategies.isExchange(market.exchange()) ? List.of()
                : gaps.gaps(market, loadFrom, through + tf).stream().filter(g -> !g.confirmedEmpty()).toList();
        if (!open.isEmpty()) {
            return new EvaluationResult.OpenGaps(s, open.size(), open.getFirst());
        }
        JobParametersBuilder params = new JobParametersBuilder()
                .addString("strategy", s.id())
                .addLong("through", through)
                .addLong("first", first, false)
                .addLong("after", after, false);
        if (restore != null) {
            params.addLong("restore", restore, false);
        }
        JobStart start;
        try {
            start = launches.start(evaluateStrategyJob, params.toJobParameters());
        } catch (RuntimeException e) {
            return new EvaluationResult.NotStarted(s, e.getMessage());
        }
        return switch (start) {
            case JobStart.Ran ran -> ran.run().completed() ? evaluated(s, through, ran)
                    : new EvaluationResult.Failed(s, ran.run());
            case JobStart.AlreadyCompleted done -> new EvaluationResult.NothingNew(s, through);
            case JobStart.AlreadyRunning running -> new EvaluationResult.AlreadyRunning(s, through);
            case JobStart.Refused refused -> new EvaluationResult.NotStarted(s, refused.message());
        };
    }

    /** A completed evaluation: its counts, the trades it stored and the position left open. */
    private EvaluationResult evaluated(DeclaredStrategy s, long through, JobStart.Ran ran) {
        ExecutionContext ctx = ran.execution().getExecutionContext();
        int written = ctx.getInt(EvaluateJobConfiguration.TRADES, 0);
        return new EvaluationResult.Evaluated(s, through, ctx.getInt(EvaluateJobConfiguration.EVALUATED, 0),
                trades.latest(s.id(), RunIds.LIVE, written), trades.openPosition(s.id(), RunIds.LIVE), ran.run());
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
