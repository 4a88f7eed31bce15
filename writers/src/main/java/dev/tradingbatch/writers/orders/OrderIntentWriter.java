package dev.tradingbatch.writers.orders;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.model.LiveOrder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Commits a live strategy's orders as intents in {@code live_orders}, each once: an intent whose client order id is
 * stored already (the same strategy, candle and side decided again) is left as it is, so an evaluation run twice
 * never sends an order twice. Keeps the intents that were new, which is what a run reports as written; one writer
 * serves one step execution.
 */
public class OrderIntentWriter implements ItemWriter<LiveOrder> {

    private final LiveOrderRepository orders;
    private final List<LiveOrder> committed = new ArrayList<>();

    public OrderIntentWriter(LiveOrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void write(Chunk<? extends LiveOrder> chunk) {
        for (LiveOrder intent : chunk) {
            if (orders.insertIntent(intent)) {
                committed.add(intent);
            }
        }
    }

    /** The intents written so far that were new, in the order they were written. */
    public List<LiveOrder> committed() {
        return List.copyOf(committed);
    }
}
