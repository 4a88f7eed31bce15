package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.JobStart;
import dev.tradingbatch.jobs.operations.StaleExecutions;
import dev.tradingbatch.jobs.optimize.SweepSets.Search;
import dev.tradingbatch.jobs.evaluate.Evaluation;
import dev.tradingbatch.jobs.replay.Backtest;
import dev.tradingbatch.jobs.replay.ReplayService;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.StrategySpec;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * {@code optimize --strategy ID --param NAME=SPEC ...}: sweeps a declared strategy's parameter sets over a range of
 * stored candles ({@code optimizeStrategyJob}), each set run as {@code replay --param ...} would run it, and ranks
 * them. Everything is checked before the job starts, as {@code replay} checks it (the specs against the type's
 * parameters, the warm-up history of the widest set, the range, open gaps): bad input writes nothing. The same sweep
 * again is read from {@code sweep_results}, not computed; a failed one is continued.
 */
@Service
public class OptimizeService {

    /** Sets drawn by a random search when {@code --samples} is not given. */
    public static final int DEFAULT_SAMPLES = 100;
    /** The seed of a random search when {@code --seed} is not given: a sweep repeats unless asked otherwise. */
    public static final long DEFAULT_SEED = 1;

    private final DeclaredStrategies declared;
    private final ReplayService replays;
    private final JobLaunches launches;
    private final Job optimizeStrategyJob;
    private final JobRepository jobRepository;
    private final SweepResultRepository results;
    private final CandleRepository candles;

    OptimizeService(DeclaredStrategies declared, ReplayService replays, JobLaunches launches, Job optimizeStrategyJob,
                    JobRepository jobRepository, SweepResultRepository results, CandleRepository candles) {
        this.candles = candles;
        this.declared = declared;
        this.replays = replays;
        this.launches = launches;
        this.optimizeStrategyJob = optimizeStrategyJob;
        this.jobRepository = jobRepository;
        this.results = results;
    }

    /**
     * A sweep as asked for.
     *
     * @param search    {@code grid} or {@code random}; null: grid
     * @param samples   sets a random search draws; null: {@value #DEFAULT_SAMPLES}
     * @param seed      a random search's seed; null: {@value #DEFAULT_SEED}
     * @param objective what the sets are ranked by; null: sharpe
     * @param minTrades sets with fewer closed trades are left out of the ranking
     * @param top       how many sets the ranking keeps
     * @param monteCarlo resamples of the best set's trades ({@link MonteCarlo}), drawn with the seed; null: none
     * @param workers   where the partitions run, {@code local} or {@code remote} ({@link Workers}); null: local
     */
    public record Request(String strategy, List<String> params, String search, Integer samples, Long seed,
                          String objective, int minTrades, String from, String to, int top, boolean allowGaps,
                          Integer monteCarlo, String workers) {

        /** A request whose partitions run on local threads. */
        public Request(String strategy, List<String> params, String search, Integer samples, Long seed,
                       String objective, int minTrades, String from, String to, int top, boolean allowGaps,
                       Integer monteCarlo) {
            this(strategy, params, search, samples, seed, objective, minTrades, from, to, top, allowGaps, monteCarlo,
                    null);
        }

        /** A request without Monte Carlo resampling. */
        public Request(String strategy, List<String> params, String search, Integer samples, Long seed,
                       String objective, int minTrades, String from, String to, int top, boolean allowGaps) {
            this(strategy, params, search, samples, seed, objective, minTrades, from, to, top, allowGaps, null);
        }
    }

    /** One ranked set: its place (from 1), its objective's figure (empty: undefined) and its stored figures. */
    public record Ranked(int rank, OptionalDouble score, SweepResult result) {
    }

    /**
     * What a sweep came to.
     *
     * @param sweepId   the sweep's job instance id: its rows in {@code sweep_results}
     * @param computed  whether this call ran the job (false: the same sweep was complete, read from the table)
     * @param sets      the sweep's sets
     * @param refused   combinations of the specs the type refused (an order between parameters)
     * @param stored    the sets stored for the sweep
     * @param excluded  sets stored with fewer than {@code minTrades} trades, not ranked
     * @param ranking   the best sets, best first
     * @param coverage  how completely the candles read (the widest warm-up included) are stored
     * @param monteCarlo the best set's trades resampled, when asked for and a set was ranked
     */
    public record Outcome(DeclaredStrategy strategy, long sweepId, long executionId, BatchStatus status, String message,
                          boolean computed, Optional<StaleExecutions.Recovered> recovered, long from, long to,
                          String specs, String search, int sets, int refused, int stored, Objective objective,
                          int minTrades, int excluded, List<Ranked> ranking, Coverage coverage, MarketRules rules,
                          Optional<MonteCarlo.Summary> monteCarlo) {
    }

    /** A request checked: the strategy, the specs and their sets, and the range the widest set can run over. */
    record Plan(DeclaredStrategy base, List<ParamSpec> specs, Search search, int samples, long seed,
                Objective objective, SweepSets sets, ReplayService.Range range, Workers workers) {
    }

    /** Checks {@code r} as a sweep of it would (bad input: nothing written) and resolves its range. */
    Plan plan(Request r) {
        Search search = r.search() == null ? Search.GRID : Search.parse(r.search());
        Workers workers = Workers.parse(r.workers());
        if (search == Search.GRID && (r.samples() != null || r.seed() != null && r.monteCarlo() == null)) {
            throw new BadInputException(r.samples() != null ? "--samples is for --search random (a grid computes every set)"
                    : "--seed is for --search random or --monte-carlo (a grid computes every set)");
        }
        if (r.monteCarlo() != null && (r.monteCarlo() < 1 || r.monteCarlo() > MonteCarlo.MAX_RUNS)) {
            throw new BadInputException("--monte-carlo must be in [1, " + MonteCarlo.MAX_RUNS + "], got "
                    + r.monteCarlo());
        }
        int samples = r.samples() == null ? DEFAULT_SAMPLES : r.samples();
        if (samples < 1 || samples > SweepSets.MAX_SETS) {
            throw new BadInputException("--samples must be in [1, " + SweepSets.MAX_SETS + "], got " + samples);
        }
        long seed = r.seed() == null ? DEFAULT_SEED : r.seed();
        Objective objective = r.objective() == null ? Objective.SHARPE : Objective.parse(r.objective());
        if (r.minTrades() < 0) {
            throw new BadInputException("--min-trades must be 0 or more, got " + r.minTrades());
        }
        if (r.top() < 1) {
            throw new BadInputException("--top must be 1 or more, got " + r.top());
        }
        DeclaredStrategy base = declared.tradable(r.strategy());
        List<ParamSpec> specs = SweepSets.specs(r.params(), base.spec().type());
        SweepSets sets = SweepSets.of(base, specs, search, samples, seed);
        // the range every set is evaluated over: enough warm-up history for the widest set's
        StrategySpec widest = sets.sets().stream().max(Comparator.comparingInt(StrategySpec::warmUpBars)).orElseThrow();
        ReplayService.Range range = replays.range(new DeclaredStrategy(base.id(), base.market(), widest, base.stake(),
                base.feeRate(), base.slippageBps()), r.from(), r.to(), r.allowGaps(), "optimize");
        return new Plan(base, specs, search, samples, seed, objective, sets, range, workers);
    }

    /** The sweep job's parameters for a checked request, under the market's order rules. */
    static JobParameters parameters(Plan plan, MarketRules rules) {
        return OptimizeParameters.of(plan.base(), rules, plan.range().start(), plan.range().end(),
                plan.range().loadFrom(), plan.specs(), plan.search(), plan.samples(), plan.seed(), plan.workers());
    }

    /** Checks the request and runs the sweep, or reads the same sweep run before. */
    public Outcome run(Request r) {
        Plan plan = plan(r);
        DeclaredStrategy base = plan.base();
        List<ParamSpec> specs = plan.specs();
        Search search = plan.search();
        long seed = plan.seed();
        Objective objective = plan.objective();
        SweepSets sets = plan.sets();
        ReplayService.Range range = plan.range();
        MarketRules rules = declared.rules(base);
        JobParameters parameters = parameters(plan, rules);
        JobStart started;
        try {
            started = launches.start(optimizeStrategyJob, parameters);
        } catch (RuntimeException e) {
            throw new IllegalStateException("optimize cannot start: " + e.getMessage(), e);
        }
        JobExecution execution = switch (started) {
            case JobStart.Ran ran -> ran.execution();
            case JobStart.AlreadyCompleted done ->
                    jobRepository.getLastJobExecution(JobNames.OPTIMIZE_STRATEGY_JOB, parameters);
            case JobStart.AlreadyRunning running ->
                    throw new BadInputException("the same sweep of " + base.id() + " is running already");
            case JobStart.Refused refused -> throw new IllegalStateException("optimize cannot start: " + refused.message());
        };
        long sweepId = execution.getJobInstance().getInstanceId();
        List<SweepResult> rows = results.find(sweepId);
        List<SweepResult> ranked = rows.stream().filter(row -> row.trades() >= r.minTrades()).toList();
        List<Ranked> ranking = rank(ranked, objective, r.top());
        Optional<MonteCarlo.Summary> monteCarlo = r.monteCarlo() == null || ranking.isEmpty()
                || execution.getStatus() != BatchStatus.COMPLETED ? Optional.empty()
                : Optional.of(MonteCarlo.of(tradeReturns(base, sets.sets().get(ranking.getFirst().result().setIndex()),
                        rules, range.start(), range.end()), r.monteCarlo(), seed));
        return new Outcome(base, sweepId, execution.getId(), execution.getStatus(),
                execution.getExitStatus().getExitDescription(), started instanceof JobStart.Ran,
                started instanceof JobStart.Ran ran ? ran.recovered() : Optional.empty(), range.start(), range.end(),
                SweepSets.text(specs), search.code(), sets.sets().size(), sets.refused(), rows.size(), objective,
                r.minTrades(), rows.size() - ranked.size(), ranking, range.coverage(), rules, monteCarlo);
    }

    /**
     * The closed trades' returns (percent of what each buy cost) of {@code set} over [{@code from}, {@code to}), run
     * as the sweep ran it (replay's path, its own warm-up before {@code from}), in the order made.
     */
    private List<BigDecimal> tradeReturns(DeclaredStrategy base, StrategySpec set, MarketRules rules, long from,
                                          long to) {
        return backtest(base, set, rules, from, to).evaluation().newFills().stream()
                .filter(f -> f.side() == Side.SELL).map(Fill::pnlPercent).toList();
    }

    /**
     * {@code set} of {@code base} over [{@code from}, {@code to}) as {@code replay --param ...} runs it (its own
     * warm-up loaded before {@code from}, the market's order rules), nothing stored.
     */
    Backtest.Result backtest(DeclaredStrategy base, StrategySpec set, MarketRules rules, long from, long to) {
        Fed fed = fed(base, set, rules, from, to);
        return new Backtest.Result(fed.result(), fed.backtest().metrics(fed.result()));
    }

    /** A backtest fed every candle of its range, and what they gave. */
    record Fed(Backtest backtest, Evaluation.Result result) {
    }

    /** {@link #backtest}, the backtest itself kept (its evaluated closes, its equity curve). */
    Fed fed(DeclaredStrategy base, StrategySpec set, MarketRules rules, long from, long to) {
        DeclaredStrategy s = new DeclaredStrategy(base.id(), base.market(), set, base.stake(), base.feeRate(),
                base.slippageBps());
        Backtest backtest = new Backtest(s, rules, from);
        Evaluation.Runner runner = backtest.evaluation().start();
        long loadFrom = candles.openTimeBefore(s.market(), from, s.spec().warmUpBars()).orElse(Long.MIN_VALUE);
        candles.forEachStored(s.market(), loadFrom, to, backtest.feeding(runner));
        return new Fed(backtest, runner.finish());
    }

    /** Best first: a higher figure, then a defined one before an undefined one, then the lower set index. */
    static List<Ranked> rank(List<SweepResult> rows, Objective objective, int top) {
        Comparator<SweepResult> order = Comparator.comparing((SweepResult row) -> objective.score(row),
                        (a, b) -> a.isPresent() && b.isPresent() ? Double.compare(b.getAsDouble(), a.getAsDouble())
                                : Boolean.compare(b.isPresent(), a.isPresent()))
                .thenComparingInt(SweepResult::setIndex);
        List<SweepResult> sorted = rows.stream().sorted(order).limit(top).toList();
        return IntStream.range(0, sorted.size())
                .mapToObj(i -> new Ranked(i + 1, objective.score(sorted.get(i)), sorted.get(i))).toList();
    }
}
