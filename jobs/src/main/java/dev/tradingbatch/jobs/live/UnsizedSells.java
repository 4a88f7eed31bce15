package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.strategies.FillModel;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * Sizes the sells a live strategy decided while a buy of its was not settled ({@link LiveOrder#sizedAtSend()}), oldest
 * first, once every buy decided before each is in the ledger: what the strategy then holds, less what its other sells
 * not applied yet will sell, in whole amount steps and within the market's minimums ({@link SellSize}, as a sell
 * decided with its buy settled). A sell that then makes no order is rejected saying why; one whose buy is still not
 * settled stays an intent saying which buy it waits for, and so does every sell after it.
 */
public final class UnsizedSells {

    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final Clock clock;

    public UnsizedSells(LiveOrderRepository orders, LiveFillRepository fills, Clock clock) {
        this.orders = orders;
        this.fills = fills;
        this.clock = clock;
    }

    /** Sizes what can be sized of the strategy's unsized sells; how many it sized (to send now). */
    public int size(String strategyId, String baseAsset, FillModel model) {
        int sized = 0;
        for (LiveOrder o : orders.ofStrategy(strategyId)) {
            if (!o.sizedAtSend() || !o.status().equals(LiveOrder.INTENT)) {
                continue;
            }
            List<LiveOrder> own = orders.ofStrategy(strategyId);
            List<LiveFill> applied = fills.ofStrategy(strategyId);
            Optional<LiveOrder> buy = SubLedger.unsettledBuyBefore(own, applied, o.candleTime());
            if (buy.isPresent()) {
                orders.record(o.clientOrderId(), LiveOrder.INTENT, null, null, null, null, "waits for the buy of the"
                        + " candle of " + iso(buy.get().candleTime()) + " (" + buy.get().clientOrderId()
                        + ") to settle: it sells what the strategy then holds", clock.millis());
                return sized;
            }
            BigDecimal held = SubLedger.held(applied, baseAsset).subtract(SubLedger.reserved(own, applied));
            SellSize size = SellSize.of(model.rules(), model.amountStep(), held, o.modelPrice());
            if (size.sells() && orders.size(o.clientOrderId(), size.quantity(), clock.millis())) {
                sized++;
            } else if (!size.sells()) {
                orders.record(o.clientOrderId(), LiveOrder.REJECTED, null, null, null, null, "not sent: "
                        + size.refusal(), clock.millis());
            }
        }
        return sized;
    }
}
