package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.jobs.evaluate.SkippedOrders;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.StoredSeries;
import dev.tradingbatch.jobs.TimeOption;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.JobStart;
import dev.tradingbatch.jobs.operations.StaleExecutions;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.StrategySpec;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code replay --strategy ID [--from --to] [--param k=v ...]}: runs a declared strategy over stored
 * candles with the same code path and fill model as {@code evaluate}, its trades kept under the
 * run's own id. Checks everything before the job starts: unknown strategy or parameter, a range with
 * no candles or without the warm-up history before it, or with open gaps (see {@link #refuseOpenGaps}) are bad
 * input, and nothing is written.
 */
@Service
public class ReplayService {

    private final DeclaredStrategies declared;
    private final CandleRepository candles;
    private final JobLaunches launches;
    private final Job replayStrategyJob;
    private final JobRepository jobRepository;
    private final GapRepository gaps;
    private final Duration maxOpenGap;

    ReplayService(DeclaredStrategies declared, CandleRepository candles, JobLaunches launches,
                  Job replayStrategyJob, JobRepository jobRepository, GapRepository gaps,
                  TradingProperties properties) {
        this.declared = declared;
        this.candles = candles;
        this.launches = launches;
        this.replayStrategyJob = replayStrategyJob;
        this.jobRepository = jobRepository;
        this.gaps = gaps;
        this.maxOpenGap = properties.replay().maxOpenGap();
    }

    /**
     * What a finished replay did.
     *
     * @param recovered the run of the same replay, left by a process that is gone, which this one continued
     * @param rules     the market's order rules the replay filled under
     * @param skipped   the buy signals that made no order, each with why (the market's minimums)
     * @param coverage  how completely the candles the replay read (warm-up included) are stored
     */
    public record Outcome(DeclaredStrategy strategy, long executionId, String runId, BatchStatus status, int evaluated,
                          int trades, long from, long to, String message, Map<String, String> figures,
                          Optional<StaleExecutions.Recovered> recovered, MarketRules rules, List<String> skipped,
                          Coverage coverage) {

        /** The strategy's parameters as the replay ran them: {@code oversold=30,overbought=70,period=14}. */
        public String params() {
            return ReplayParameters.text(strategy.spec().params());
        }
    }

    /** Checks the request and runs the replay, or finds the same replay run before; refuses open gaps. */
    public Outcome run(String strategyId, String from, String to, List<String> paramArgs) {
        return run(strategyId, from, to, paramArgs, false);
    }

    /**
     * Checks the request and runs the replay, or finds the same replay run before.
     *
     * @param allowGaps run even over open gaps longer than {@code trading.replay.max-open-gap}
     */
    public Outcome run(String strategyId, String from, String to, List<String> paramArgs, boolean allowGaps) {
        DeclaredStrategy s = withParams(declared.tradable(strategyId), paramArgs);
        Range range = range(s, from, to, allowGaps, "replay");
        long start = range.start();
        long end = range.end();
        long loadFrom = range.loadFrom();
        Coverage coverage = range.coverage();
        MarketRules rules = declared.rules(s);
        JobParameters parameters = ReplayParameters.of(s, rules, start, end, loadFrom);
        JobStart started;
        try {
            started = launches.start(replayStrategyJob, parameters);
        } catch (RuntimeException e) {
            throw new IllegalStateException("replay cannot start: " + e.getMessage(), e);
        }
        JobExecution execution = switch (started) {
            case JobStart.Ran ran -> ran.execution();
            case JobStart.AlreadyCompleted done -> jobRepository.getLastJobExecution(JobNames.REPLAY_STRATEGY_JOB, parameters);
            case JobStart.AlreadyRunning running ->
                    throw new BadInputException("the same replay of " + s.id() + " is running already");
            case JobStart.Refused refused ->
                    throw new IllegalStateException("replay cannot start: " + refused.message());
        };
        ExecutionContext ctx = execution.getExecutionContext();
        return new Outcome(s, execution.getId(), ctx.getString(ReplayJobConfiguration.RUN_ID, "-"),
                execution.getStatus(), ctx.getInt(ReplayJobConfiguration.EVALUATED, 0),
                ctx.getInt(ReplayJobConfiguration.TRADES, 0), start, end, execution.getExitStatus().getExitDescription(),
                ReplayFigures.from(ctx),
                started instanceof JobStart.Ran ran ? ran.recovered() : Optional.empty(), rules,
                SkippedOrders.lines(ctx), coverage);
    }

    /**
     * The range a replay of {@code s} evaluates, checked as {@code replay} checks it.
     *
     * @param start    the first candle evaluated (UTC epoch ms)
     * @param end      the end of the range, exclusive
     * @param loadFrom the first warm-up candle: the {@code warmUpBars}-th stored candle before {@code start}
     * @param coverage how completely the candles read (warm-up included) are stored
     */
    public record Range(long start, long end, long loadFrom, Coverage coverage) {
    }

    /**
     * Resolves {@code --from} and {@code --to} (null: from the first candle with enough warm-up history before it, to
     * after the newest) for {@code s}: bad input when the series lacks the warm-up history, the range is empty or holds
     * open gaps (unless {@code allowGaps}; the message names {@code command}'s {@code --allow-gaps}); nothing is
     * written.
     */
    public Range range(DeclaredStrategy s, String from, String to, boolean allowGaps, String command) {
        MarketKey market = s.market();
        StoredSeries stored = StoredSeries.of(candles, market);
        long firstStored = stored.first();
        int warmUp = s.spec().warmUpBars();
        // the first candle with warmUp candles stored before it
        long earliest = candles.openTimeAt(market, warmUp).orElseThrow(() -> new BadInputException(
                "not enough history: " + s.spec().label()
                        + " needs " + warmUp + " candles of warm-up before the first candle it evaluates, and "
                        + market + " has " + candles.count(market, firstStored, stored.end()) + " stored from "
                        + iso(firstStored) + " (backfill --from " + iso(s.warmUpFromWithoutGaps(firstStored)) + ")"));
        long start = from == null ? earliest : market.timeframe().ceil(TimeOption.parse("--from", from));
        long end = to == null ? stored.end() : TimeOption.parse("--to", to);
        if (start >= end) {
            throw new BadInputException("empty range: --from " + iso(start) + " is not before --to " + iso(end));
        }
        if (start < earliest) {
            throw new BadInputException("--from " + iso(start) + " leaves fewer than " + warmUp
                    + " candles of warm-up history (" + market + " is stored from " + iso(firstStored)
                    + "): the earliest --from is " + iso(earliest));
        }
        if (!candles.anyIn(market, start, end)) {
            throw new BadInputException("empty range: no stored candles of " + market + " in [" + iso(start) + ", "
                    + iso(end) + ")");
        }
        long loadFrom = candles.openTimeBefore(market, start, warmUp).orElseThrow();
        Coverage coverage = Coverage.of(candles, gaps, market, loadFrom, Math.min(end, stored.end()));
        if (!allowGaps) {
            refuseOpenGaps(coverage, command);
        }
        return new Range(start, end, loadFrom, coverage);
    }

    /**
     * Bad input when the candles read hold an open gap longer than {@code trading.replay.max-open-gap}: a result
     * over a hole trades as if the missing candles never happened. A series imported from a file has no exchange
     * to ask: its holes are what the file holds, stated in the coverage but never refused.
     */
    private void refuseOpenGaps(Coverage coverage, String command) {
        MarketKey market = coverage.market();
        if (!DeclaredStrategies.isExchange(market.exchange())) {
            return;
        }
        List<Gap> tooLong = coverage.open().stream()
                .filter(g -> Math.min(g.end(), coverage.to()) - g.start() > maxOpenGap.toMillis()).toList();
        if (tooLong.isEmpty()) {
            return;
        }
        Gap first = tooLong.getFirst();
        throw new BadInputException(tooLong.size() + (tooLong.size() == 1 ? " open gap" : " open gaps")
                + (maxOpenGap.isZero() ? "" : " longer than trading.replay.max-open-gap (" + maxOpenGap + ")")
                + " in the candles of " + market + " the replay reads, first [" + iso(first.start()) + ", "
                + iso(first.end()) + ") (" + first.missing() + (first.missing() == 1 ? " candle" : " candles")
                + " missing); fill them with: backfill --exchange " + market.exchange() + " --symbol "
                + market.symbol() + " --timeframe " + market.timeframe().code() + " --fill-gaps --from "
                + iso(coverage.from()) + " --to " + iso(coverage.to()) + " (or " + command + " --allow-gaps)");
    }

    /** The declared strategy with {@code --param NAME=VALUE} overrides, checked like the declaration. */
    public DeclaredStrategy withParams(DeclaredStrategy s, List<String> paramArgs) {
        if (paramArgs == null || paramArgs.isEmpty()) {
            return s;
        }
        Map<String, String> merged = new TreeMap<>(s.spec().params());
        for (String arg : paramArgs) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || eq == arg.length() - 1) {
                throw new BadInputException("--param '" + arg + "' is not NAME=VALUE, e.g. --param period=10");
            }
            merged.put(arg.substring(0, eq).strip(), arg.substring(eq + 1).strip());
        }
        try {
            return new DeclaredStrategy(s.id(), s.market(), StrategySpec.of(s.spec().type(), merged), s.stake(),
                    s.feeRate(), s.slippageBps());
        } catch (InvalidStrategyException e) {
            throw new BadInputException("--param: " + e.getMessage());
        }
    }

}
