package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.replay.Backtest;
import dev.tradingbatch.jobs.replay.ReplayFigures;
import dev.tradingbatch.jobs.replay.ReplayParameters;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.SweepSharing;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code optimizeSetsStep}, one partition of a sweep: each of its sets run as a replay runs it ({@link Backtest}, from
 * the sweep's first candle, after the set's own warm-up), on the sweep's candles read once per process
 * ({@link SweepCandles}), the indicators that sets fed the same candles share computed once for all of them (those
 * that two sets of the sweep or more read: {@link SweepSharing}), and the evaluated candles' closes the metrics read
 * kept once (the same values, so the same figures as its replay); its sets' figures stored together in one short
 * transaction at the end, so a partition that fails stores nothing and its restart computes it whole. Counts: a set
 * computed is an item read, a row stored one written.
 */
class OptimizeSetsTasklet implements Tasklet {

    private final DeclaredStrategies declared;
    private final SweepCandles candles;
    private final SweepResultRepository results;
    private final TransactionTemplate writes;
    private final SweepSetHook hook;
    private final Clock clock;

    OptimizeSetsTasklet(DeclaredStrategies declared, SweepCandles candles, SweepResultRepository results,
                        TransactionTemplate writes, SweepSetHook hook, Clock clock) {
        this.declared = declared;
        this.candles = candles;
        this.results = results;
        this.writes = writes;
        this.hook = hook;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        JobExecution job = step.getJobExecution();
        JobParameters p = job.getJobParameters();
        DeclaredStrategy base = OptimizeParameters.base(declared, p);
        MarketRules rules = ReplayParameters.rules(declared, base, p);
        List<StrategySpec> sets = OptimizeParameters.sets(base, p).sets();
        long from = p.getLong("from");
        long to = p.getLong("to");
        SweepCandles.Shared shared = candles.get(job.getId(), base.market(), p.getLong("loadFrom"), from, to);
        List<StoredCandle> series = shared.candles();
        int firstEvaluated = firstAtOrAfter(series, from);
        long sweepId = job.getJobInstance().getInstanceId();
        int first = step.getExecutionContext().getInt(SetPartitioner.FIRST);
        int end = step.getExecutionContext().getInt(SetPartitioner.END);
        // what the sets of the whole sweep read alike, not only this partition's
        SweepSharing sharing = SweepSharing.of(sets, i -> loadIndex(firstEvaluated, sets.get(i)));
        List<SweepResult> rows = new ArrayList<>();
        for (int i = first; i < end; i++) {
            hook.computing(i);
            DeclaredStrategy s = new DeclaredStrategy(base.id(), base.market(), sets.get(i), base.stake(),
                    base.feeRate(), base.slippageBps());
            int loadIndex = loadIndex(firstEvaluated, s.spec());
            Backtest.Result r = new Backtest(s, rules, from, shared.evaluated())
                    .run(series.subList(loadIndex, series.size()), sharing.from(shared.indicators(), loadIndex));
            rows.add(row(sweepId, i, s, r, job.getId()));
            contribution.incrementReadCount();
        }
        int stored = writes.execute(tx -> results.insert(rows));
        contribution.incrementWriteCount(stored);
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("sets " + first + " to " + (end - 1)
                + " of " + RunIds.sweep(sweepId) + ": " + rows.size() + " computed, " + stored + " stored"));
        return RepeatStatus.FINISHED;
    }

    private SweepResult row(long sweepId, int index, DeclaredStrategy s, Backtest.Result r, long executionId) {
        ReplayFigures.Values v = ReplayFigures.Values.of(r.metrics());
        return new SweepResult(sweepId, index, s.id(), TradeRepository.json(s.spec().params()),
                r.evaluation().evaluated(), v.totalReturnPercent(), v.annualisedReturnPercent(), v.buyAndHoldPercent(),
                v.maxDrawdownPercent(), v.trades(), v.winRatePercent(), v.profitFactor(), v.sharpe(), v.sortino(),
                v.exposurePercent(), v.finalEquity(), v.positionOpen(), executionId, clock.millis());
    }

    /**
     * Index of the first candle a set is fed: its own warm-up, as its replay loads it, the {@code warmUpBars} candles
     * stored before the first evaluated one.
     */
    private static int loadIndex(int firstEvaluated, StrategySpec set) {
        return Math.max(0, firstEvaluated - set.warmUpBars());
    }

    /** Index of the first candle at or after {@code time} (the size when there is none). */
    private static int firstAtOrAfter(List<StoredCandle> series, long time) {
        int lo = 0;
        int hi = series.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (series.get(mid).openTime() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
