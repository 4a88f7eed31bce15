package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.HaltRepository;
import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.strategies.SkippedOrder;
import dev.tradingbatch.writers.orders.OrderIntentWriter;
import dev.tradingbatch.writers.trades.TradeItemWriter;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * What live evaluation and replay share: one {@link Evaluation} over the stored candles a step feeds it, then
 * the fills it gives stored under the run's id in one short transaction, counted as the step's writes. The
 * candles are read outside any transaction, so a long read takes no write lock; a fill already stored (a restart,
 * a second run for the same candle) is not stored again, nor counted.
 * <p>
 * A live strategy's live evaluation stores no trade when it decides: its new fills become orders to send
 * ({@link LiveIntents}), committed as {@code live_orders} intents in that same transaction; its trades are written
 * from the exchange's fills once the orders are final ({@code sendOrdersStep}). A replay of it trades on paper.
 */
@Component
public class EvaluateAndStore {

    private final TradeRepository trades;
    private final LiveOrderRepository liveOrders;
    private final LiveFillRepository liveFills;
    private final DeclaredStrategies declared;
    private final TransactionTemplate writes;
    private final Clock clock;
    private final HaltRepository halts;

    /** A UTC day, in ms: daily losses count from 00:00 UTC. */
    private static final long DAY = 86_400_000L;

    EvaluateAndStore(TradeRepository trades, LiveOrderRepository liveOrders, LiveFillRepository liveFills,
                     DeclaredStrategies declared, PlatformTransactionManager transactionManager, Clock clock,
                     HaltRepository halts) {
        this.halts = halts;
        this.trades = trades;
        this.liveOrders = liveOrders;
        this.liveFills = liveFills;
        this.declared = declared;
        this.writes = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * What the candles gave and how many of its fills were new.
     *
     * @param stored  the fills stored by this run (a live strategy's: the intents committed), the step's write count
     * @param orders  a live strategy's intents this run committed, oldest first; none on paper
     * @param skipped the signals on new candles that made no order, with why: the paper model's, and a live
     *                strategy's sells of nothing held
     */
    public record Outcome(Evaluation.Result result, int stored, List<LiveOrder> orders, List<SkippedOrder> skipped) {
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
        Optional<Account> account = RunIds.LIVE.equals(runId) ? declared.liveAccount(declaredAs.id()) : Optional.empty();
        if (account.isPresent()) {
            return intents(evaluation, declaredAs, account.get(), result, contribution);
        }
        long now = clock.millis();
        List<TradeRow> rows = result.newFills().stream().map(f -> row(evaluation.strategy(), runId, f, now)).toList();
        TradeItemWriter writer = new TradeItemWriter(trades);
        writes.executeWithoutResult(tx -> {
            declared.record(declaredAs);
            writer.write(new Chunk<>(rows));
        });
        contribution.incrementWriteCount(writer.stored());
        return new Outcome(result, writer.stored(), List.of(), result.skipped());
    }

    /** A live strategy's new fills as intents, committed with its declaration in one transaction. */
    private Outcome intents(Evaluation evaluation, DeclaredStrategy declaredAs, Account account,
                            Evaluation.Result result, StepContribution contribution) {
        OrderIntentWriter writer = new OrderIntentWriter(liveOrders);
        List<SkippedOrder> skipped = new ArrayList<>(result.skipped());
        writes.executeWithoutResult(tx -> {
            declared.record(declaredAs);
            // what its own fills hold, less what its sells not settled yet will sell
            List<LiveFill> fills = liveFills.ofStrategy(declaredAs.id());
            List<LiveOrder> orders = liveOrders.ofStrategy(declaredAs.id());
            BigDecimal held = SubLedger.held(fills, SubLedger.base(declaredAs.market().symbol()))
                    .subtract(SubLedger.reserved(orders, fills));
            long now = clock.millis();
            LiveIntents.Decided decided = LiveIntents.decide(declaredAs, account.name(), evaluation.fillModel(),
                    result.newFills(), held, orders.stream().map(LiveOrder::clientOrderId).collect(Collectors.toSet()),
                    SubLedger.sellsSizedAtSend(orders, fills), now);
            RiskCheck.Checked checked = RiskCheck.check(decided.intents(), declared.riskLimits(declaredAs.id()),
                    account.limits(), standing(declaredAs, account, held, orders, fills, now));
            checked.halt().ifPresent(why -> (checked.wholeAccount() ? declared.liveStrategiesOf(account.name())
                    : List.of(declaredAs.id())).forEach(id -> halts.halt(new StrategyHalt(id, Optional.of(why), now))));
            writer.write(new Chunk<>(checked.intents()));
            skipped.addAll(decided.skipped());
            skipped.addAll(checked.skipped());
        });
        skipped.sort(Comparator.comparingLong(SkippedOrder::candleTime));
        List<LiveOrder> committed = writer.committed();
        contribution.incrementWriteCount(committed.size());
        return new Outcome(result, committed.size(), committed, List.copyOf(skipped));
    }

    /**
     * Where a live strategy and its account stand before its new intents: its holdings, each one's realised pnl since
     * 00:00 UTC of {@code now}, what the account's open positions and unsettled buys have at stake, and what is left
     * of its allocation ({@code orders} and {@code fills}: its own, as read for {@code held}).
     */
    private RiskCheck.Standing standing(DeclaredStrategy strategy, Account account, BigDecimal held,
                                        List<LiveOrder> orders, List<LiveFill> fills, long now) {
        String strategyId = strategy.id();
        long dayStart = Math.floorDiv(now, DAY) * DAY;
        List<String> ids = declared.liveStrategiesOf(account.name());
        BigDecimal own = BigDecimal.ZERO;
        BigDecimal all = BigDecimal.ZERO;
        // today's trades only (one query), not each strategy's whole history at every evaluation
        for (TradeRow t : trades.liveSince(dayStart)) {
            if (t.pnl() != null && ids.contains(t.strategyId())) {
                all = all.add(t.pnl());
                own = t.strategyId().equals(strategyId) ? own.add(t.pnl()) : own;
            }
        }
        BigDecimal atStake = BigDecimal.ZERO;
        for (String id : ids) {
            Optional<TradeRow> open = trades.openPosition(id, RunIds.LIVE);
            if (open.isPresent()) {
                atStake = atStake.add(open.get().price().multiply(open.get().quantity()).add(open.get().fee()));
            }
            for (LiveOrder o : liveOrders.ofStrategy(id)) {
                if (o.side() == Side.BUY && !o.status().equals(LiveOrder.REJECTED) && !SubLedger.endedEmpty(o)
                        && trades.trade(id, RunIds.LIVE, o.candleTime(), Side.BUY.code()).isEmpty()) {
                    atStake = atStake.add(o.quoteQuantity());
                }
            }
        }
        BigDecimal allocation = declared.riskLimits(strategyId).allocation();
        BigDecimal quoteLeft = null;
        if (allocation != null) {
            quoteLeft = SubLedger.quoteLeft(allocation, orders, fills, SubLedger.quote(strategy.market().symbol()))
                    .subtract(SubLedger.quoteReserved(orders));
        }
        return new RiskCheck.Standing(held, own, all, atStake, quoteLeft);
    }

    private static TradeRow row(DeclaredStrategy s, String runId, Fill f, long executedAt) {
        return new TradeRow(s.id(), runId, s.market().symbol(), f.side().code(), f.price(), f.quantity(), f.fee(),
                f.candleTime(), executedAt, f.pnl(), f.pnlPercent(), s.paramsJson());
    }
}
