package dev.tradingbatch.writers.trades;

import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.List;

/**
 * Stores a strategy's trades once: a trade already stored for the same (strategy, run, candle, side) is left as
 * it is, so an evaluation can run again without trading twice. Counts the trades that were new, which is what a
 * run reports as written; one writer serves one step execution.
 */
public class TradeItemWriter implements ItemWriter<TradeRow> {

    private final TradeRepository trades;
    private int stored;

    public TradeItemWriter(TradeRepository trades) {
        this.trades = trades;
    }

    @Override
    public void write(Chunk<? extends TradeRow> chunk) {
        stored += trades.insertNew(List.<TradeRow>copyOf(chunk.getItems()));
    }

    /** How many of the trades written so far were new. */
    public int stored() {
        return stored;
    }
}
