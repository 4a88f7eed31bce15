package dev.tradingbatch.jobs.reconcile;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.jobs.ledger.AccountCheck;
import dev.tradingbatch.jobs.ledger.Positions;
import dev.tradingbatch.jobs.ledger.StrategyPosition;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.Accounts;
import dev.tradingbatch.jobs.live.LiveSettlement;
import dev.tradingbatch.jobs.live.OrderSender;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.readers.orders.SpotOrders;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code reconcileAccountStep}: brings one account's ledgers up to what the exchange did, then checks them against
 * its balances. (a) Every order sent whose outcome is not known is asked for, and every accepted order not in its
 * strategy's ledger yet is settled ({@link LiveSettlement}: fills made while no process ran, partial fills, orders
 * the exchange expired or cancelled). (b) The account's balances are compared, per base asset of its live
 * strategies, with the sum of their sub-ledgers ({@link Positions#account}). (c) An asset the exchange holds less
 * of than the ledgers' sum, by more than {@code mismatch-tolerance}, is a shortfall: reported, and with
 * {@code on-mismatch: halt} the account's live strategies are halted. Holding more is normal (coins no strategy
 * owns). A question the exchange did not answer fails the step: never read as "no order" or "no position".
 */
class ReconcileAccountTasklet implements Tasklet {

    /** Job execution context keys: what the run found, for {@code reconcile}'s output. */
    static final String LINES = "reconcile.lines";
    static final String SHORTFALLS = "reconcile.shortfalls";
    static final String SUMMARY = "reconcile.summary";

    /** The longest halt reason kept (as {@code halt --reason}). */
    private static final int MAX_REASON = 500;

    private final Accounts accounts;
    private final AccountService accountService;
    private final DeclaredStrategies declared;
    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final TradeRepository trades;
    private final TransactionTemplate writes;
    private final Positions positions;
    private final Halts halts;
    private final Clock clock;

    ReconcileAccountTasklet(Accounts accounts, AccountService accountService, DeclaredStrategies declared,
                            LiveOrderRepository orders, LiveFillRepository fills, TradeRepository trades,
                            TransactionTemplate writes, Positions positions, Halts halts, Clock clock) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.declared = declared;
        this.orders = orders;
        this.fills = fills;
        this.trades = trades;
        this.writes = writes;
        this.positions = positions;
        this.halts = halts;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Account account = accounts.get(contribution.getStepExecution().getJobParameters().getString("account"));
        SpotOrders exchange = accountService.orders(account);
        List<String> lines = new ArrayList<>();

        // (a) orders not final: asked for, then settled into their strategies' ledgers
        OrderSender sender = new OrderSender(orders, exchange, clock, OrderSender.SETTLE);
        OrderSender.Pass asked = sender.ask(account.name());
        List<String> unsettled = new ArrayList<>(sender.failures());
        Set<String> strategies = new TreeSet<>();
        orders.all().stream().filter(o -> o.account().equals(account.name())).map(LiveOrder::strategyId)
                .forEach(strategies::add);
        int written = 0;
        for (String id : strategies) {
            if (orders.toSettle(id).isEmpty()) {
                continue;
            }
            if (declared.all().stream().noneMatch(s -> s.id().equals(id))) {
                unsettled.add(id + ": accepted orders not in its ledger, and the strategy is no longer declared");
                continue;
            }
            LiveSettlement.Settled settled = new LiveSettlement(orders, fills, trades, writes, exchange, clock)
                    .settle(id, declared.get(id).paramsJson());
            written += settled.trades().size();
            settled.trades().forEach(t -> lines.add("settled " + id + ": " + t.side() + " "
                    + MarketRules.plain(t.quantity()) + " at " + MarketRules.plain(t.price())));
            settled.waiting().forEach(w -> unsettled.add(id + " " + w));
        }
        contribution.incrementWriteCount(written);
        if (!unsettled.isEmpty()) {
            throw new IllegalStateException("account " + account.name() + ": " + written + " orders settled; not"
                    + " settled: " + String.join("; ", unsettled) + ". The balances were not compared");
        }

        // (b) the balances beside the sum of the ledgers
        Positions.Report report = positions.account(account.name());
        AccountCheck check = report.accounts().getFirst();
        if (check instanceof AccountCheck.Failed failed) {
            throw new IllegalStateException("account " + account.name() + ": balances not known, the request failed: "
                    + failed.reason());
        }
        List<String> shortfalls = new ArrayList<>();
        for (AccountCheck.AssetComparison a : ((AccountCheck.Compared) check).assets()) {
            if (a.ledgers().isEmpty()) {
                continue;
            }
            BigDecimal sum = a.ledgers().get();
            BigDecimal shortBy = sum.subtract(a.exchange());
            String text = a.asset() + ": the exchange holds " + MarketRules.plain(a.exchange()) + ", the ledgers "
                    + MarketRules.plain(sum);
            if (shortBy.compareTo(account.mismatchTolerance()) > 0) {
                shortfalls.add(text + ", " + MarketRules.plain(shortBy) + " short");
            } else {
                lines.add(text + ": ok");
            }
        }
        lines.addAll(shortfalls.stream().map(s -> "SHORTFALL " + s).toList());

        // (c) a shortfall halts the account's strategies when asked to
        if (!shortfalls.isEmpty() && account.haltOnMismatch()) {
            String reason = "reconcile: account " + account.name() + " " + String.join("; ", shortfalls)
                    + " (on-mismatch: halt)";
            reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 3) + "..." : reason;
            for (StrategyPosition p : report.strategies()) {
                if (declared.all().stream().noneMatch(s -> s.id().equals(p.strategyId()))) {
                    continue;
                }
                Optional<StrategyHalt> standing = halts.haltOf(p.strategyId());
                if (standing.isPresent()) {
                    // a halt already stands (a person's, or an earlier run's): its reason and time are kept
                    lines.add("already halted " + p.strategyId() + " since " + iso(standing.get().haltedAt()));
                } else {
                    halts.halt(p.strategyId(), reason);
                    lines.add("halted " + p.strategyId());
                }
            }
        }

        ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
        job.putString(LINES, String.join("\n", lines));
        job.putInt(SHORTFALLS, shortfalls.size());
        String summary = asked.accepted() + " orders found, " + written + (written == 1 ? " trade" : " trades")
                + " from the exchange's fills, " + (shortfalls.isEmpty() ? "the balances cover the ledgers"
                : shortfalls.size() + (shortfalls.size() == 1 ? " shortfall" : " shortfalls"));
        job.putString(SUMMARY, summary);
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
        return RepeatStatus.FINISHED;
    }

    /** The lines a run recorded. */
    static List<String> lines(ExecutionContext ctx) {
        String text = ctx.getString(LINES, "");
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
