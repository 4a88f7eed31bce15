package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.halt.Halts;
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
import java.util.stream.Stream;

/**
 * {@code evaluate --strategy ID}: evaluates a strategy on the candles closed since its last evaluation.
 * The first evaluation of a strategy (or the first after its declaration changed) starts at the newest
 * closed candle, with {@code warmUpBars} candles of history before it (counted in candles, wherever gaps
 * lie); later ones evaluate every candle from that first one again (so the result is exactly what a replay
 * gives) and store the trades on candles not evaluated before. Candles stored late inside the range already
 * evaluated start a new segment (see {@link #segment}). It does not trade on a partial series: when the newest
 * closed candle is not stored yet, the history is too short, or an open gap lies in the candles it needs, it
 * says so and evaluates nothing. Nor does it evaluate a halted strategy ({@link Halts}): every evaluation, in every
 * process, reads the halts first.
 * <p>
 * Job parameters: {@code strategy} and {@code through} (open time of the newest closed candle)
 * identify a run, so evaluating again for the same candle is a no-op; {@code first}, {@code after},
 * {@code loadFrom} and {@code restore} say what to evaluate, from which candle to load, and which open
 * position carried over.
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
    private final Halts halts;
    private final CarriedPositions carried;

    EvaluateService(DeclaredStrategies declared, CandleRepository candles, GapRepository gaps, TradeRepository trades,
                    JobLaunches launches, Job evaluateStrategyJob, ExecutionLookup executions,
                    Clock clock, Halts halts, CarriedPositions carried) {
        this.declared = declared;
        this.candles = candles;
        this.gaps = gaps;
        this.trades = trades;
        this.launches = launches;
        this.evaluateStrategyJob = evaluateStrategyJob;
        this.executions = executions;
        this.clock = clock;
        this.halts = halts;
        this.carried = carried;
    }

    /** Evaluates the strategy on the candles closed since its last evaluation, if it can; says what it did. */
    public EvaluationResult run(String strategyId) {
        DeclaredStrategy s = declared.evaluable(strategyId);
        Optional<StrategyHalt> halt = halts.haltOf(s.id());
        if (halt.isPresent()) {
            return new EvaluationResult.Halted(s, halt.get());
        }
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
        MarketRules rules = declared.rules(s);
        Segment segment = previous.map(ctx -> segment(s, rules, ctx, through)).orElseGet(() -> Segment.fresh(through,
                openPosition(s), Optional.empty()));
        if (previous.isPresent()) {
            segment = afterClose(s, segment, last);
        }
        if (segment.first() > through) {
            // closed by halt --close in the candle still in progress: the next one starts the new segment
            return new EvaluationResult.NothingNew(s, last);
        }
        long first = segment.first();
        OptionalLong warmUp = candles.openTimeBefore(market, first, s.spec().warmUpBars());
        if (warmUp.isEmpty()) {
            return new EvaluationResult.NotEnoughHistory(s, first, candles.firstOpenTime(market).orElseThrow(),
                    s.warmUpFromWithoutGaps(first));
        }
        Long restore = segment.restore();
        long loadFrom = restore == null ? warmUp.getAsLong() : Math.min(warmUp.getAsLong(), restore);
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
                .addLong("after", segment.after(), false)
                .addLong("loadFrom", loadFrom, false)
                .addString("rules", rules.text(), false);
        if (restore != null) {
            params.addLong("restore", restore, false);
        }
        segment.restarted().ifPresent(r -> params.addString("restart", r.why().name(), false));
        JobStart start;
        try {
            start = launches.start(evaluateStrategyJob, params.toJobParameters());
        } catch (RuntimeException e) {
            return new EvaluationResult.NotStarted(s, e.getMessage());
        }
        return switch (start) {
            case JobStart.Ran ran -> ran.run().completed() ? evaluated(s, through, segment.restarted(), ran)
                    : new EvaluationResult.Failed(s, ran.run());
            case JobStart.AlreadyCompleted done -> new EvaluationResult.NothingNew(s, through);
            case JobStart.AlreadyRunning running -> new EvaluationResult.AlreadyRunning(s, through);
            case JobStart.Refused refused -> new EvaluationResult.NotStarted(s, refused.message());
        };
    }

    /** A completed evaluation: its counts, the trades it stored and the position left open. */
    private EvaluationResult evaluated(DeclaredStrategy s, long through, Optional<EvaluationResult.Restart> restart,
                                       JobStart.Ran ran) {
        ExecutionContext ctx = ran.execution().getExecutionContext();
        int written = ctx.getInt(EvaluateJobConfiguration.TRADES, 0);
        return new EvaluationResult.Evaluated(s, through, ctx.getInt(EvaluateJobConfiguration.EVALUATED, 0),
                trades.latest(s.id(), RunIds.LIVE, written), trades.openPosition(s.id(), RunIds.LIVE), restart,
                ran.run(), Stream.concat(SendOrdersTasklet.lines(ctx).stream(), SkippedOrders.lines(ctx).stream()).toList());
    }

    /**
     * Which candles this evaluation runs over, given the last one. It continues the last one's segment (the same
     * first candle, the same position carried into it: the result is exactly what a replay from that candle gives)
     * while nothing that changes the result has changed. A new segment starts, from the position the ledger holds,
     * when the declaration or the market's order rules changed (at the newest candle, as for a new strategy: the old
     * segment recomputed under other rules would not give the trades recorded) or when candles were stored late
     * inside the range already evaluated (at the first candle not evaluated yet): recomputing the old segment would
     * no longer give the trades already recorded, and a ledger must stay one consistent sequence of trades.
     */
    private Segment segment(DeclaredStrategy s, MarketRules rules, ExecutionContext previous, long through) {
        long last = previous.getLong(EvaluateJobConfiguration.LAST);
        boolean sameDeclaration = previous.containsKey(EvaluateJobConfiguration.DECLARATION)
                ? s.identity().equals(previous.getString(EvaluateJobConfiguration.DECLARATION))
                // recorded by a version that kept the parameters only
                : s.paramsJson().equals(previous.getString(EvaluateJobConfiguration.PARAMS));
        if (!sameDeclaration) {
            return Segment.fresh(through, openPosition(s), Optional.of(new EvaluationResult.Restart(
                    EvaluationResult.Restart.Why.DECLARATION_CHANGED, last, through, 0)));
        }
        // a run recorded before rules were kept ran without any (8 decimals, no minimum)
        String previousRules = previous.getString(EvaluateJobConfiguration.RULES, MarketRules.NONE.text());
        if (!rules.text().equals(previousRules)) {
            return Segment.fresh(through, openPosition(s), Optional.of(new EvaluationResult.Restart(
                    EvaluationResult.Restart.Why.RULES_CHANGED, last, through, 0)));
        }
        if (previous.containsKey(EvaluateJobConfiguration.CANDLES)) {
            long loadedFrom = previous.getLong(EvaluateJobConfiguration.LOADED_FROM);
            long counted = previous.getLong(EvaluateJobConfiguration.CANDLES);
            long now = candles.count(s.market(), loadedFrom, last + s.market().timeframe().millis());
            if (now != counted) {
                long first = last + s.market().timeframe().millis();
                return Segment.fresh(first, openPosition(s), Optional.of(new EvaluationResult.Restart(
                        EvaluationResult.Restart.Why.HISTORY_CHANGED, last, first, now - counted)));
            }
        }
        Long restored = previous.containsKey(EvaluateJobConfiguration.RESTORED)
                ? previous.getLong(EvaluateJobConfiguration.RESTORED) : null;
        return new Segment(previous.getLong(EvaluateJobConfiguration.FIRST), last, restored, Optional.empty());
    }

    /**
     * The segment to evaluate once a {@code halt --close} after the candle {@code last} is taken into account: a new
     * one from the candle after the close, flat, in place of one that would run on with the position the close sold
     * (or begin before the close). The candles between the last one evaluated and the close are not traded on: the
     * strategy was halted and its position closed at the halt's price.
     */
    private Segment afterClose(DeclaredStrategy s, Segment segment, long last) {
        OptionalLong closed = halts.closedAfter(s.id(), s.market().timeframe().millis(), last);
        if (closed.isEmpty()) {
            return segment;
        }
        long from = s.market().timeframe().floor(closed.getAsLong()) + s.market().timeframe().millis();
        if (segment.restarted().isPresent() && segment.first() >= from) {
            return segment;
        }
        return Segment.fresh(from, openPosition(s), Optional.of(new EvaluationResult.Restart(
                EvaluationResult.Restart.Why.CLOSED, last, from, 0)));
    }

    /** Open time of the candle whose close bought the position the ledger holds (or will: {@link CarriedPositions}). */
    private Long openPosition(DeclaredStrategy s) {
        return carried.entry(s);
    }

    /**
     * The candles an evaluation evaluates: from {@code first}, storing the fills after {@code after}, with the
     * position bought on the candle {@code restore} (or none) carried in.
     */
    private record Segment(long first, long after, Long restore, Optional<EvaluationResult.Restart> restarted) {

        static Segment fresh(long first, Long restore, Optional<EvaluationResult.Restart> restarted) {
            return new Segment(first, first - 1, restore, restarted);
        }
    }

    /** The job execution context of the strategy's last completed evaluation. */
    /** The open time (UTC epoch ms) of the newest candle the strategy's completed evaluations went through; empty before its first. */
    public OptionalLong lastEvaluated(String strategyId) {
        return lastCompleted(strategyId).filter(c -> c.containsKey(EvaluateJobConfiguration.LAST))
                .map(c -> OptionalLong.of(c.getLong(EvaluateJobConfiguration.LAST))).orElse(OptionalLong.empty());
    }

    private Optional<ExecutionContext> lastCompleted(String strategyId) {
        return executions.last(JobNames.EVALUATE_STRATEGY_JOB, Map.of("strategy", strategyId), BatchStatus.COMPLETED)
                .map(JobExecution::getExecutionContext);
    }
}
