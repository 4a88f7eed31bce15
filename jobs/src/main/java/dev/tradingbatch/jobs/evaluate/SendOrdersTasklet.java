package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.LiveSettlement;
import dev.tradingbatch.jobs.live.OrderSender;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.jobs.live.UnsizedSells;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.SpotOrders;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code sendOrdersStep}: sends a live strategy's orders whose outcome is not known ({@link OrderSender}: the exchange
 * is asked for each client order id first, so nothing is sent twice), then applies its accepted orders that are final
 * to its ledger ({@link LiveSettlement}). Nothing for a paper strategy. While an order of the strategy is still not
 * known to the exchange, or not applied, the step fails saying which and why: the job is FAILED, and the next
 * {@code evaluate} (a restart of this run, or the run of the next candle) asks the exchange again before anything
 * else. A refusal by the exchange is an answer: the order is {@code rejected}, shown, and the step completes.
 */
class SendOrdersTasklet implements Tasklet {

    /** Job execution context keys: one line per order of the run, for {@code evaluate}'s output. */
    static final String ORDER_LINES = "orders.lines";

    private final DeclaredStrategies declared;
    private final AccountService accounts;
    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final TradeRepository trades;
    private final TransactionTemplate writes;
    private final Clock clock;
    private final TradingProperties.Live live;

    SendOrdersTasklet(DeclaredStrategies declared, AccountService accounts, LiveOrderRepository orders,
                      LiveFillRepository fills, TradeRepository trades, TransactionTemplate writes, Clock clock,
                      TradingProperties.Live live) {
        this.live = live;
        this.declared = declared;
        this.accounts = accounts;
        this.orders = orders;
        this.fills = fills;
        this.trades = trades;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String id = contribution.getStepExecution().getJobParameters().getString("strategy");
        Optional<Account> account = declared.liveAccount(id);
        if (account.isEmpty()) {
            return RepeatStatus.FINISHED;   // no description: a paper run's summary is its evaluation's
        }
        DeclaredStrategy s = declared.get(id);
        SpotOrders exchange = accounts.orders(account.get());
        Duration maxAge = live.maxIntentAge(Duration.ofMillis(s.market().timeframe().millis()));
        OrderSender sender = new OrderSender(orders, exchange, clock, OrderSender.SETTLE, o -> Optional.of(maxAge));
        LiveSettlement settlement = new LiveSettlement(orders, fills, trades, writes, exchange, clock);
        OrderSender.Pass pass = sender.sendPending(account.get().name(), id);
        LiveSettlement.Settled settled = settlement.settle(id, s.paramsJson());
        // sells decided while a buy was not settled: sized now that it may be, then sent and settled in this pass
        if (new UnsizedSells(orders, fills, clock).size(id, SubLedger.base(s.market().symbol()),
                declared.fillModel(s)) > 0) {
            OrderSender.Pass more = sender.sendPending(account.get().name(), id);
            pass = new OrderSender.Pass(pass.accepted() + more.accepted(), pass.rejected() + more.rejected(),
                    more.unknown(), more.waiting());
            LiveSettlement.Settled then = settlement.settle(id, s.paramsJson());
            settled = new LiveSettlement.Settled(concat(settled.trades(), then.trades()), then.waiting());
        }
        contribution.incrementWriteCount(settled.trades().size());

        ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
        Long after = contribution.getStepExecution().getJobParameters().getLong("after");
        List<String> lines = new ArrayList<>();
        for (LiveOrder o : orders.ofStrategy(id)) {
            boolean pending = o.status().equals(LiveOrder.INTENT) || o.status().equals(LiveOrder.UNKNOWN);
            if (pending || after == null || o.candleTime() > after) {
                lines.add(line(o));
            }
        }
        job.putString(ORDER_LINES, String.join("\n", lines));
        job.putInt(EvaluateJobConfiguration.TRADES, job.getInt(EvaluateJobConfiguration.TRADES, 0)
                + settled.trades().size());

        List<String> open = new ArrayList<>();
        orders.toSend(account.get().name(), id).forEach(o -> open.add(o.clientOrderId() + " (" + o.side() + "): "
                + o.status() + (o.reason() == null ? "" : ", " + o.reason())));
        open.addAll(settled.waiting());
        String summary = pass.accepted() + " accepted, " + pass.rejected() + " rejected, " + settled.trades().size()
                + (settled.trades().size() == 1 ? " trade" : " trades") + " from the exchange's fills";
        if (!open.isEmpty()) {
            throw new IllegalStateException(summary + "; not settled yet: " + String.join("; ", open)
                    + ". The next evaluate asks the exchange for them before sending anything");
        }
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
        return RepeatStatus.FINISHED;
    }

    private static <T> List<T> concat(List<T> first, List<T> then) {
        List<T> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /**
     * e.g. {@code order buy for 100 USDT on the candle of 2026-12-01T10:00:00Z (...): accepted, FILLED 0.0025 BTC for
     * 100 USDT}.
     */
    private static String line(LiveOrder o) {
        String what = "order " + o.side() + " " + (o.side() == Side.BUY ? "for " : "") + o.requested()
                + " on the candle of " + iso(o.candleTime()) + " (" + o.clientOrderId() + "): " + o.status();
        if (o.status().equals(LiveOrder.ACCEPTED)) {
            what += ", " + o.exchangeStatus() + " " + o.executed();
        }
        return o.reason() == null ? what : what + " (" + o.reason() + ")";
    }

    /** The order lines the run's send step recorded; none for a paper strategy. */
    static List<String> lines(ExecutionContext ctx) {
        String text = ctx.getString(ORDER_LINES, "");
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
