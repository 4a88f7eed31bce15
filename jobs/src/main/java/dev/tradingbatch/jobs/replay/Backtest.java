package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.Evaluation;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.CandleCloses;
import dev.tradingbatch.strategies.metrics.Metrics;
import dev.tradingbatch.strategy.api.SharedIndicators;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One strategy over a range of stored candles as a replay runs it: an {@link Evaluation} of every candle from
 * {@code from} on (those before only warm up), the evaluated candles' closes kept compactly for the metrics, and the
 * metrics of its fills. {@code replay} (which stores the fills as well) and each parameter set of a sweep go through
 * this one path, so a set's figures are exactly those its replay prints.
 */
public final class Backtest {

    private final Evaluation evaluation;
    private final CandleCloses evaluated;
    /** Whether the closes are this backtest's own, kept as candles are fed (not shared: computed before). */
    private final boolean ownCloses;

    /** What the candles gave and the metrics of it. */
    public record Result(Evaluation.Result evaluation, BacktestMetrics metrics) {
    }

    /** The strategy evaluated from {@code from} (open time, UTC epoch ms) under the market's order rules. */
    public Backtest(DeclaredStrategy strategy, MarketRules rules, long from) {
        this.evaluation = new Evaluation(strategy, strategy.fillModel(rules), from, from - 1, Optional.empty());
        this.evaluated = new CloseSeries();
        this.ownCloses = true;
    }

    /**
     * {@link #Backtest(DeclaredStrategy, MarketRules, long)} whose candles from {@code from} on are {@code evaluated}
     * ({@link #closes}), shared with other backtests of the same candles instead of kept again: a sweep's sets.
     */
    public Backtest(DeclaredStrategy strategy, MarketRules rules, long from, CandleCloses evaluated) {
        this.evaluation = new Evaluation(strategy, strategy.fillModel(rules), from, from - 1, Optional.empty());
        this.evaluated = evaluated;
        this.ownCloses = false;
    }

    /** The closes of {@code candles} (oldest first), kept compactly, for backtests that share them. */
    public static CandleCloses closes(List<StoredCandle> candles) {
        CloseSeries closes = new CloseSeries();
        candles.forEach(closes);
        return closes;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Where the candles go, oldest first, warm-up included: into {@code runner}, and the evaluated ones' closes. */
    public Consumer<StoredCandle> feeding(Evaluation.Runner runner) {
        if (!ownCloses) {
            return runner::accept;
        }
        CloseSeries own = (CloseSeries) evaluated;
        return c -> {
            runner.accept(c);
            if (c.openTime() >= evaluation.first()) {
                own.accept(c);
            }
        };
    }

    /** The metrics of what the candles fed so far gave. */
    public BacktestMetrics metrics(Evaluation.Result result) {
        return Metrics.summary(evaluated, result.newFills(), evaluation.fillModel(),
                evaluation.strategy().market().timeframe());
    }

    /** The metrics with the equity at every evaluated close: what a report draws. */
    public BacktestMetrics withEquityCurve(Evaluation.Result result) {
        return Metrics.compute(evaluated, result.newFills(), evaluation.fillModel(),
                evaluation.strategy().market().timeframe());
    }

    /** The closes of the candles evaluated so far, oldest first. */
    public CandleCloses evaluated() {
        return evaluated;
    }

    /** Runs the evaluation over {@code candles} (oldest first, warm-up included), nothing stored. */
    public Result run(Iterable<StoredCandle> candles) {
        return run(candles, SharedIndicators.NONE);
    }

    /**
     * {@link #run(Iterable)}, the strategy taking the indicators it shares with others from {@code shared}, computed
     * over the same candles (a sweep's): the same result.
     */
    public Result run(Iterable<StoredCandle> candles, SharedIndicators shared) {
        Evaluation.Runner runner = evaluation.start(shared);
        Consumer<StoredCandle> feed = feeding(runner);
        candles.forEach(feed);
        Evaluation.Result result = runner.finish();
        return new Result(result, metrics(result));
    }
}
