package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.RunIds;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.Optional;

/**
 * {@code evaluateStrategyStep}: evaluates the run's strategy on every candle from its first one through the newest
 * closed one ({@link EvaluateService} chose them and where to load from: the candles that warm its indicators up and
 * the entry of a position carried over), and stores the trades on candles not evaluated before as live trades. What the next run
 * continues from goes into the job's execution context ({@link EvaluateJobConfiguration}'s keys).
 */
class EvaluateStrategyTasklet implements Tasklet {

    private final DeclaredStrategies declared;
    private final CandleRepository candles;
    private final EvaluateAndStore evaluateAndStore;
    private final CarriedPositions carried;

    EvaluateStrategyTasklet(DeclaredStrategies declared, CandleRepository candles, EvaluateAndStore evaluateAndStore,
                            CarriedPositions carried) {
        this.declared = declared;
        this.candles = candles;
        this.evaluateAndStore = evaluateAndStore;
        this.carried = carried;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        JobParameters p = step.getJobParameters();
        DeclaredStrategy s = declared.get(p.getString("strategy"));
        long through = p.getLong("through");
        long first = p.getLong("first");
        Long restoredAt = p.getLong("restore");
        // the rules the service compared with the previous run's; a run started without them reads them now
        MarketRules rules = p.getString("rules") != null ? MarketRules.parse(p.getString("rules")) : declared.rules(s);
        Optional<Fill> restore = restoredAt == null ? Optional.empty() : carried.fill(s, restoredAt, rules);
        Evaluation evaluation = new Evaluation(s, s.fillModel(rules), first, p.getLong("after"), restore);
        long loadFrom = loadFrom(p.getLong("loadFrom"), s, first, restoredAt);
        long end = through + s.market().timeframe().millis();
        long[] loaded = new long[1];
        EvaluateAndStore.Outcome outcome = evaluateAndStore.run(evaluation, s, RunIds.LIVE,
                runner -> candles.forEach(s.market(), loadFrom, end, candle -> {
                    loaded[0]++;
                    runner.accept(candle);
                }), contribution);
        int evaluated = outcome.result().evaluated();
        // a live strategy's trades are written by sendOrdersStep, from the exchange's fills
        boolean live = declared.liveAccount(s.id()).isPresent();
        int written = live ? 0 : outcome.stored();
        ExecutionContext ctx = step.getJobExecution().getExecutionContext();
        ctx.putLong(EvaluateJobConfiguration.FIRST, first);
        ctx.putLong(EvaluateJobConfiguration.LAST, through);
        ctx.putString(EvaluateJobConfiguration.PARAMS, s.paramsJson());
        ctx.putString(EvaluateJobConfiguration.DECLARATION, s.identity());
        ctx.putString(EvaluateJobConfiguration.RULES, rules.text());
        SkippedOrders.put(ctx, outcome.skipped());
        ctx.putLong(EvaluateJobConfiguration.LOADED_FROM, loadFrom);
        ctx.putLong(EvaluateJobConfiguration.CANDLES, loaded[0]);
        if (restoredAt != null) {
            ctx.putLong(EvaluateJobConfiguration.RESTORED, restoredAt);
        }
        if (p.getString("restart") != null) {
            ctx.putString(EvaluateJobConfiguration.RESTART, p.getString("restart"));
        }
        ctx.putInt(EvaluateJobConfiguration.TRADES, written);
        ctx.putInt(EvaluateJobConfiguration.EVALUATED, evaluated);
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(evaluated
                + (evaluated == 1 ? " candle" : " candles") + " evaluated, " + (live
                ? outcome.orders().size() + (outcome.orders().size() == 1 ? " order" : " orders") + " to send"
                : written + (written == 1 ? " trade" : " trades")) + SkippedOrders.summary(outcome.skipped())));
        return RepeatStatus.FINISHED;
    }

    /**
     * The first candle to load, as the service chose it; for a run started without it (by a version that loaded
     * warm-up by time), the {@code warmUpBars}-th candle before {@code first} or the carried position's entry.
     */
    private long loadFrom(Long chosen, DeclaredStrategy s, long first, Long restoredAt) {
        if (chosen != null) {
            return chosen;
        }
        long warmUp = candles.openTimeBefore(s.market(), first, s.spec().warmUpBars()).orElse(Long.MIN_VALUE);
        return restoredAt == null ? warmUp : Math.min(warmUp, restoredAt);
    }
}
