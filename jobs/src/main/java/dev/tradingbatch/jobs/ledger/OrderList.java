package dev.tradingbatch.jobs.ledger;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.model.LiveOrder;
import org.springframework.stereotype.Service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code orders}: the live orders recorded in {@code live_orders}, newest first. Reads only. */
@Service
public class OrderList {

    /** Every status an order can have, in the order it goes through them. */
    public static final List<String> STATUSES = List.of(LiveOrder.INTENT, LiveOrder.UNKNOWN, LiveOrder.ACCEPTED,
            LiveOrder.REJECTED);

    private final LiveOrderRepository orders;
    private final DeclaredStrategies declared;

    OrderList(LiveOrderRepository orders, DeclaredStrategies declared) {
        this.orders = orders;
        this.declared = declared;
    }

    /**
     * The orders of {@code strategyId} (every strategy when null) in one of {@code statuses} (any when empty). Bad
     * input: a status that does not exist, a strategy neither declared nor with orders recorded (a strategy no longer
     * declared still shows the orders it made).
     */
    public List<LiveOrder> list(String strategyId, List<String> statuses) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : statuses) {
            String status = s.strip().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw new BadInputException("unknown --status '" + s + "' (expected " + String.join(", ", STATUSES)
                        + ")");
            }
            wanted.add(status);
        }
        if (strategyId != null && !orders.hasOrders(strategyId)) {
            declared.get(strategyId);   // bad input naming the declared ones when it is not one of them
        }
        return orders.newestFirst(strategyId, List.copyOf(wanted));
    }
}
