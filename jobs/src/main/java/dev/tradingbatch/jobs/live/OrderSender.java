package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.ExchangeOrder;
import dev.tradingbatch.readers.orders.MarketOrder;
import dev.tradingbatch.readers.orders.OrderApiException;
import dev.tradingbatch.readers.orders.SendOutcome;
import dev.tradingbatch.readers.orders.SpotOrders;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * Sends an account's committed intents, never one twice. For each order whose outcome is not known, the exchange
 * is first asked for its client order id: if it has it, its answer is recorded and nothing is sent. Only when
 * the exchange says it has no such order is the order sent, and a send that was made before (the answer lost,
 * or the process killed) is repeated only once {@code settle} has passed since, so that an order still on its
 * way inside the exchange is found rather than sent again. A query that fails sends nothing: a missing answer is
 * never read as "no order".
 *
 * A sell not sized yet ({@link LiveOrder#sizedAtSend()}) is never sent: it waits for its sizing.
 *
 * An intent never sent whose candle opened more than its strategy's {@code maxAge} ago when the sender reaches it
 * (after a long halt, a trader down for hours) is not sent: its signal is out of date, so it ends {@code rejected}
 * saying so and the strategy's ledger is unchanged. An order sent before is always asked for first, never dropped
 * while the exchange might have it; once the exchange has settled that it has none, it is sent again only within
 * that bound.
 */
public final class OrderSender {

    /** What one pass over the account's orders came to, by outcome. */
    public record Pass(int accepted, int rejected, int unknown, int waiting) {
    }

    /** How long after a send the exchange is given to show an order before it is sent again (docs/live.md). */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    private final LiveOrderRepository orders;
    private final SpotOrders exchange;
    private final Clock clock;
    private final Duration settle;
    private final Function<LiveOrder, Optional<Duration>> maxAge;
    private final List<String> failures = new ArrayList<>();

    /** A sender that sends intents however old their candle. */
    public OrderSender(LiveOrderRepository orders, SpotOrders exchange, Clock clock, Duration settle) {
        this(orders, exchange, clock, settle, o -> Optional.empty());
    }

    /**
     * @param maxAge for an order, how long after its candle opened it may still be sent first
     *               ({@code trading.live.max-intent-age}); empty: no bound
     */
    public OrderSender(LiveOrderRepository orders, SpotOrders exchange, Clock clock, Duration settle,
                       Function<LiveOrder, Optional<Duration>> maxAge) {
        this.orders = orders;
        this.exchange = exchange;
        this.clock = clock;
        this.settle = settle;
        this.maxAge = maxAge;
    }

    /** Asks for, then if need be sends, every order of {@code account} whose outcome is not known; oldest first. */
    public Pass sendPending(String account) {
        return pass(orders.toSend(account));
    }

    /** {@link #sendPending(String)} for the orders of one strategy only: what its evaluation job sends. */
    public Pass sendPending(String account, String strategyId) {
        return pass(orders.toSend(account, strategyId));
    }

    /**
     * Asks the exchange for every order of {@code account} sent before whose outcome is not known, recording what it
     * has; sends nothing (reconciliation). Counted: accepted (the exchange has it), unknown (it has none: left for the
     * strategy's next evaluation; or the question failed: the row is left as it is and {@link #failures} says why).
     */
    public Pass ask(String account) {
        return ask(orders.toSend(account));
    }

    /** {@link #ask(String)} for these orders only ({@code halt --close}: a halted strategy's orders sent before). */
    public Pass ask(List<LiveOrder> pending) {
        int accepted = 0;
        int unknown = 0;
        for (LiveOrder o : pending) {
            if (o.sends() == 0) {
                continue;   // never sent: the exchange cannot have it
            }
            try {
                Optional<ExchangeOrder> there = exchange.find(o.symbol(), o.clientOrderId());
                if (there.isPresent()) {
                    accepted(o, there.get());
                    accepted++;
                } else {
                    unknown++;
                }
            } catch (OrderApiException e) {
                failures.add(o.clientOrderId() + " (" + o.side() + "): " + e.getMessage());
                unknown++;
            }
        }
        return new Pass(accepted, 0, unknown, 0);
    }

    /** The questions about orders that failed in {@link #ask}, one line each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Asks for, then if need be sends, these orders, in this order ({@code halt --close}: its closing sells). */
    public Pass send(List<LiveOrder> pending) {
        return pass(pending);
    }

    private Pass pass(List<LiveOrder> pending) {
        int accepted = 0;
        int rejected = 0;
        int unknown = 0;
        int waiting = 0;
        for (LiveOrder o : pending) {
            switch (settle(o)) {
                case LiveOrder.ACCEPTED -> accepted++;
                case LiveOrder.REJECTED -> rejected++;
                case LiveOrder.UNKNOWN -> unknown++;
                default -> waiting++;
            }
        }
        return new Pass(accepted, rejected, unknown, waiting);
    }

    /** The order's status after asking, and maybe sending: accepted, rejected, unknown, or intent (try later). */
    private String settle(LiveOrder o) {
        Optional<String> stale = o.sends() == 0 ? stale(o) : Optional.empty();
        if (stale.isPresent()) {
            orders.record(o.clientOrderId(), LiveOrder.REJECTED, null, null, null, null, stale.get(), clock.millis());
            return LiveOrder.REJECTED;
        }
        if (o.sizedAtSend()) {
            return LiveOrder.INTENT;    // never sent, not sized yet: its strategy's buy has not settled
        }
        Optional<ExchangeOrder> there;
        try {
            there = exchange.find(o.symbol(), o.clientOrderId());
        } catch (OrderApiException e) {
            orders.record(o.clientOrderId(), o.status(), null, null, null, null, e.getMessage(), clock.millis());
            return LiveOrder.INTENT;
        }
        if (there.isPresent()) {
            accepted(o, there.get());
            return LiveOrder.ACCEPTED;
        }
        if (o.sends() > 0 && clock.millis() < o.updatedAt() + settle.toMillis()) {
            return LiveOrder.INTENT;
        }
        Optional<String> late = o.sends() > 0 ? stale(o) : Optional.empty();
        if (late.isPresent()) {
            // the exchange has settled that it has none: not sending it again loses no order and sends none late
            orders.record(o.clientOrderId(), LiveOrder.REJECTED, null, null, null, null, "the exchange has none of its "
                    + o.sends() + (o.sends() == 1 ? " send" : " sends") + ", and it is " + late.get(), clock.millis());
            return LiveOrder.REJECTED;
        }
        orders.countSend(o.clientOrderId(), clock.millis());
        MarketOrder order = o.side() == Side.BUY ? MarketOrder.buyFor(o.symbol(), o.quoteQuantity(), o.clientOrderId())
                : MarketOrder.sell(o.symbol(), o.quantity(), o.clientOrderId());
        return switch (exchange.send(order)) {
            case SendOutcome.Accepted a -> {
                accepted(o, a.order());
                yield LiveOrder.ACCEPTED;
            }
            case SendOutcome.Rejected r when r.forNow() -> {
                orders.record(o.clientOrderId(), LiveOrder.INTENT, null, null, null, null,
                        "refused for now: " + r.code() + " " + r.message(), clock.millis());
                yield LiveOrder.INTENT;
            }
            case SendOutcome.Rejected r -> {
                orders.record(o.clientOrderId(), LiveOrder.REJECTED, null, null, null, null,
                        r.code() + " " + r.message(), clock.millis());
                yield LiveOrder.REJECTED;
            }
            case SendOutcome.Unknown u -> {
                orders.record(o.clientOrderId(), LiveOrder.UNKNOWN, null, null, null, null, u.reason(), clock.millis());
                yield LiveOrder.UNKNOWN;
            }
        };
    }

    /** Why the never-sent intent is too old to send, if it is. */
    private Optional<String> stale(LiveOrder o) {
        return maxAge.apply(o).filter(bound -> clock.millis() - o.candleTime() > bound.toMillis())
                .map(bound -> "not sent: stale, its candle of " + iso(o.candleTime()) + " opened more than "
                        + bound.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " (trading.live.max-intent-age) before " + iso(clock.millis()));
    }

    private void accepted(LiveOrder o, ExchangeOrder e) {
        orders.record(o.clientOrderId(), LiveOrder.ACCEPTED, e.orderId(), e.status().name(),
                e.executedQuantity(), e.executedQuote(), null, clock.millis());
    }
}
