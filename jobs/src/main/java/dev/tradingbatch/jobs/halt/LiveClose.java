package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.jobs.live.LiveSettlement;
import dev.tradingbatch.jobs.live.OrderSender;
import dev.tradingbatch.jobs.live.SellSize;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.SpotOrders;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.writers.orders.OrderIntentWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code halt --close} of a live strategy, once it is halted (so no evaluation decides or sends anything meanwhile):
 * <ol>
 * <li>its intents never sent are rejected ({@value #HALTED}) and never sent;</li>
 * <li>its orders sent before whose outcome is not known are asked for (nothing sent), a close made by an earlier
 * {@code halt --close} is asked for and sent only if the exchange has none ({@link OrderSender}: never twice), and its
 * accepted orders are settled into its ledger ({@link LiveSettlement});</li>
 * <li>what its own ledger then holds, less what its unsettled sells will sell, rounded down to the amount step and
 * within the market's minimums ({@link SellSize}, as a signal's sell), is committed as one market sell intent with
 * the client order id {@link ClientOrderIds#close} of the halt's time, then sent and settled the same way.</li>
 * </ol>
 */
@Component
class LiveClose {

    /** The reason kept on an intent that {@code halt --close} drops. */
    static final String HALTED = "halted with --close";

    private final DeclaredStrategies declared;
    private final AccountService accounts;
    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final TradeRepository trades;
    private final CandleRepository candles;
    private final TransactionTemplate writes;
    private final Clock clock;

    LiveClose(DeclaredStrategies declared, AccountService accounts, LiveOrderRepository orders,
              LiveFillRepository fills, TradeRepository trades, CandleRepository candles,
              PlatformTransactionManager transactionManager, Clock clock) {
        this.declared = declared;
        this.accounts = accounts;
        this.orders = orders;
        this.fills = fills;
        this.trades = trades;
        this.candles = candles;
        this.writes = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    Closed close(DeclaredStrategy s, Account account, long haltedAt) {
        String id = s.id();
        SpotOrders exchange = accounts.orders(account);
        List<String> said = new ArrayList<>();
        int dropped = 0;
        for (LiveOrder o : orders.toSend(account.name(), id)) {
            if (o.status().equals(LiveOrder.INTENT) && o.sends() == 0 && !ClientOrderIds.isClose(o.clientOrderId())) {
                orders.record(o.clientOrderId(), LiveOrder.REJECTED, null, null, null, null, HALTED, clock.millis());
                dropped++;
            }
        }
        if (dropped > 0) {
            said.add(dropped + (dropped == 1 ? " intent" : " intents") + " not sent rejected (" + HALTED + ")");
        }
        OrderSender sender = new OrderSender(orders, exchange, clock, OrderSender.SETTLE);
        LiveSettlement settlement = new LiveSettlement(orders, fills, trades, writes, exchange, clock);
        List<LiveOrder> pending = orders.toSend(account.name(), id);
        List<LiveOrder> earlier = pending.stream().filter(o -> ClientOrderIds.isClose(o.clientOrderId())).toList();
        sender.ask(pending.stream().filter(o -> !ClientOrderIds.isClose(o.clientOrderId())).toList());
        sender.send(earlier);
        List<String> waiting = new ArrayList<>(settlement.settle(id, s.paramsJson()).waiting());
        boolean failed = false;
        for (LiveOrder o : earlier) {
            failed |= describe(o.clientOrderId(), "the close of an earlier halt --close", said);
        }

        List<LiveFill> own = fills.ofStrategy(id);
        BigDecimal held = SubLedger.held(own, SubLedger.base(s.market().symbol()))
                .subtract(SubLedger.reserved(orders.ofStrategy(id), own));
        if (held.signum() > 0 || earlier.isEmpty()) {
            failed |= sell(s, account, haltedAt, held, sender, settlement, waiting, said);
        }
        orders.toSend(account.name(), id).stream().filter(o -> !ClientOrderIds.isClose(o.clientOrderId()))
                .forEach(o -> waiting.add(o.clientOrderId() + " (" + o.side() + "): " + o.status()
                        + (o.reason() == null ? "" : ", " + o.reason())));
        if (!waiting.isEmpty()) {
            said.add("not settled yet: " + String.join("; ", waiting));
            failed = true;
        }
        if (failed) {
            said.add("halt --close again asks the exchange for these orders before sending anything");
        }
        return new Closed(id, String.join("; ", said), failed);
    }

    /** Commits, sends and settles the sell of {@code held}, or says why there is none; true when it failed. */
    private boolean sell(DeclaredStrategy s, Account account, long haltedAt, BigDecimal held, OrderSender sender,
                         LiveSettlement settlement, List<String> waiting, List<String> said) {
        OptionalLong latest = candles.latestOpenTime(s.market());
        List<Candle> last = latest.isPresent()
                ? candles.find(s.market(), latest.getAsLong(), latest.getAsLong() + 1) : List.of();
        if (last.isEmpty() && held.signum() > 0) {
            said.add("nothing closed: no candle of " + s.market().symbol() + " is stored to check the sell against the"
                    + " market's minimums");
            return true;
        }
        FillModel model = declared.fillModel(s);
        // the price the paper model gives a sell on the newest candle (its close less the slippage)
        BigDecimal price = last.isEmpty() ? BigDecimal.ZERO : model.sell(last.getFirst().openTime(),
                last.getFirst().close(), Fill.buy(0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO)).price();
        SellSize size = SellSize.of(model.rules(), model.amountStep(), held, price);
        if (!size.sells()) {
            said.add("nothing closed: " + size.refusal());
            return false;
        }
        String clientOrderId = ClientOrderIds.close(s.id(), haltedAt);
        LiveOrder intent = LiveOrder.intent(clientOrderId, s.id(), account.name(), s.market().symbol(), Side.SELL,
                closeTime(s, haltedAt), size.quantity(), null, price, clock.millis());
        writes.executeWithoutResult(tx -> new OrderIntentWriter(orders).write(new Chunk<>(intent)));
        sender.send(orders.find(clientOrderId).stream().toList());
        waiting.addAll(settlement.settle(s.id(), s.paramsJson()).waiting());
        return describe(clientOrderId, "closed with a market sell", said);
    }

    /** The {@code candle_time} of a close ({@link CloseTime}), after the closes already made in that candle. */
    private long closeTime(DeclaredStrategy s, long haltedAt) {
        long tf = s.market().timeframe().millis();
        return CloseTime.of(tf, haltedAt, orders.ofStrategy(s.id()).stream().filter(o -> ClientOrderIds.isClose(
                o.clientOrderId())).mapToLong(o -> o.candleTime()));
    }

    /** One close order as it now stands; true when it is not accepted and settled. */
    private boolean describe(String clientOrderId, String what, List<String> said) {
        LiveOrder o = orders.find(clientOrderId).orElseThrow();
        boolean settled = o.status().equals(LiveOrder.ACCEPTED)
                && trades.trade(o.strategyId(), RunIds.LIVE, o.candleTime(), Side.SELL.code()).isPresent();
        String text = what + " of " + MarketRules.plain(o.quantity()) + " " + SubLedger.base(o.symbol()) + " ("
                + clientOrderId + (o.exchangeOrderId() == null ? "" : ", order " + o.exchangeOrderId()) + "): "
                + o.status();
        if (o.status().equals(LiveOrder.ACCEPTED)) {
            text += ", " + o.exchangeStatus() + " " + MarketRules.plain(o.executedQuantity()) + " for "
                    + MarketRules.plain(o.executedQuote());
        }
        said.add(o.reason() == null ? text : text + " (" + o.reason() + ")");
        return !settled;
    }
}
