package dev.tradingbatch.readers;

import dev.tradingbatch.db.RawCandle;
import dev.tradingbatch.db.Timeframe;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a range of candles from an exchange page by page. Its position (the open time of the next
 * candle not yet handed out) is saved in the step's execution context at every chunk, so a
 * restarted run asks again at most the page that was in flight.
 */
public class ExchangeCandleItemReader implements ItemStreamReader<RawCandle> {

    public static final String POSITION = "exchangeCandleItemReader.position";
    public static final String PAGES = "exchangeCandleItemReader.pages";

    private final CandleSource source;
    private final String symbol;
    private final Timeframe timeframe;
    private final long to;
    private final Deque<RawCandle> buffer = new ArrayDeque<>();
    private long position;
    private long pages;

    /** Reads open times in {@code [from, to)}, epoch ms UTC. */
    public ExchangeCandleItemReader(CandleSource source, String symbol, Timeframe timeframe, long from, long to) {
        this.source = source;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.position = from;
        this.to = to;
    }

    @Override
    public RawCandle read() {
        while (buffer.isEmpty()) {
            if (position >= to) {
                return null;
            }
            CandlePage page = source.fetch(symbol, timeframe, position, to);
            pages++;
            if (page.nextFrom() <= position) {
                throw new IllegalStateException(source.exchange() + " paging did not advance past " + position);
            }
            buffer.addAll(page.candles());
            position = page.nextFrom();
        }
        return buffer.poll();
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(POSITION)) {
            position = context.getLong(POSITION);
            pages = context.getLong(PAGES, 0);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        long next = buffer.isEmpty() ? position : Long.parseLong(buffer.peek().openTime());
        context.putLong(POSITION, next);
        context.putLong(PAGES, pages);
    }
}
