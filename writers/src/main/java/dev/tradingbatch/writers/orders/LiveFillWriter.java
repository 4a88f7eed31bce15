package dev.tradingbatch.writers.orders;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.model.LiveFill;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.List;

/**
 * Stores the exchange's trades of a live order in {@code live_fills}, each once: a trade whose id the account and
 * symbol have stored already is left as it is, so settling an order again never counts a fill twice. Counts the
 * fills that were new; one writer serves one step execution.
 */
public class LiveFillWriter implements ItemWriter<LiveFill> {

    private final LiveFillRepository fills;
    private int stored;

    public LiveFillWriter(LiveFillRepository fills) {
        this.fills = fills;
    }

    @Override
    public void write(Chunk<? extends LiveFill> chunk) {
        stored += fills.insertNew(List.<LiveFill>copyOf(chunk.getItems()));
    }

    /** How many of the fills written so far were new. */
    public int stored() {
        return stored;
    }
}
