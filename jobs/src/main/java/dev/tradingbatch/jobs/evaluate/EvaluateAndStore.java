package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.writers.trades.TradeItemWriter;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * What live evaluation and replay share: one {@link Evaluation} over the stored candles a step feeds it, then
 * the fills it gives stored under the run's id in one short transaction, counted as the step's writes. The
 * candles are read outside any transaction, so a long read takes no write lock; a fill already stored (a restart,
 * a second run for the same candle) is not stored again, nor counted.
 */
@Component
public class EvaluateAndStore {

    private final TradeRepository trades;
    private final DeclaredStrategies declared;
    private final TransactionTemplate writes;
    private final Clock clock;

    EvaluateAndStore(TradeRepository trades, DeclaredStrategies declared, PlatformTransactionManager transactionManager,
                     Clock clock) {
        this.trades = trades;
        this.declared = declared;
        this.writes = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * What the candles gave and how many of its fills were new.
     *
     * @param stored the fills stored by this run, the step's write count
     */
    public record Outcome(Evaluation.Result result, int stored) {
    }

    /**
     * Evaluates {@code evaluation} on the candles {@code candles} pushes into the runner it is given (oldest
     * first), then stores the new fills under {@code runId}, recording the strategy as {@code declaredAs} (its
     * declaration, without a replay's parameter overrides) in the same transaction.
     */
    public Outcome run(Evaluation evaluation, DeclaredStrategy declaredAs, String runId,
                       Consumer<Evaluation.Runner> candles, StepContribution contribution) {
        Evaluation.Runner runner = evaluation.start();
        candles.accept(runner);
        Evaluation.Result result = runner.finish();
        long now = clock.millis();
        List<TradeRow> rows = result.newFills().stream().map(f -> row(evaluation.strategy(), runId, f, now)).toList();
        TradeItemWriter writer = new TradeItemWriter(trades);
        writes.executeWithoutResult(tx -> {
            declared.record(declaredAs);
            writer.write(new Chunk<>(rows));
        });
        contribution.incrementWriteCount(writer.stored());
        return new Outcome(result, writer.stored());
    }

    private static TradeRow row(DeclaredStrategy s, String runId, Fill f, long executedAt) {
        return new TradeRow(s.id(), runId, s.market().symbol(), f.side().code(), f.price(), f.quantity(), f.fee(),
                f.candleTime(), executedAt, f.pnl(), f.pnlPercent(), s.paramsJson());
    }
}
