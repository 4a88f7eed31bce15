package dev.tradingbatch.readers;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a range of candles from an exchange page by page. As soon as a page arrives, the next one is
 * asked for on a thread of the reader's own, so the exchange answers while the step validates and
 * stores the page before; the reader waits for it only when every candle before it has been handed
 * out. Its position (the open time of the next candle not yet handed out) is saved in the step's
 * execution context at every chunk, so a restarted run asks again at most the page being stored and
 * the one fetched ahead of it. Pages the exchange {@linkplain CandlePage#derived() derived from its trades} are
 * remembered as one span of open times ({@link #derived()}), saved with the position, for the job to record.
 */
public class ExchangeCandleItemReader implements ItemStreamReader<RawCandle> {

    public static final String POSITION = "exchangeCandleItemReader.position";
    public static final String PAGES = "exchangeCandleItemReader.pages";
    public static final String DERIVED_FROM = "exchangeCandleItemReader.derivedFrom";
    public static final String DERIVED_TO = "exchangeCandleItemReader.derivedTo";
    /** How many candles derived from trades differ from those the exchange published for the same intervals. */
    public static final String DIFFERENCES = "exchangeCandleItemReader.differences";

    /** Open times {@code [from, to)}, epoch ms UTC, read from pages derived from trades. */
    public record Span(long from, long to) {
    }

    private final CandleSource source;
    private final String symbol;
    private final Timeframe timeframe;
    private final long to;
    private final Deque<RawCandle> buffer = new ArrayDeque<>();
    private long position;
    private long pages;
    private Span derived;
    private final List<String> differences = new ArrayList<>();
    private long differing;
    private ExecutorService fetcher;
    private Future<CandlePage> ahead;

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
            CandlePage page = ahead == null ? source.fetch(symbol, timeframe, position, to) : awaitAhead();
            pages++;
            if (page.nextFrom() <= position) {
                throw new IllegalStateException(source.exchange() + " paging did not advance past " + position);
            }
            buffer.addAll(page.candles());
            differences.addAll(page.differences());
            differing += page.differences().size();
            if (page.derived()) {
                derived = derived == null ? new Span(position, page.nextFrom())
                        : new Span(Math.min(derived.from(), position), Math.max(derived.to(), page.nextFrom()));
            }
            position = page.nextFrom();
            if (position < to) {
                fetchAhead(position);
            }
        }
        return buffer.poll();
    }

    /** Asks for the page starting at {@code from} on the reader's thread. */
    private void fetchAhead(long from) {
        if (fetcher == null) {
            fetcher = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, source.exchange() + " " + symbol + " " + timeframe.code() + " pages");
                thread.setDaemon(true);
                return thread;
            });
        }
        ahead = fetcher.submit(() -> source.fetch(symbol, timeframe, from, to));
    }

    /** The page fetched ahead; its failure is thrown here, as if it had been fetched now. */
    private CandlePage awaitAhead() {
        Future<CandlePage> page = ahead;
        ahead = null;
        try {
            return page.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                default -> throw new ItemStreamException(source.exchange() + " page failed", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            page.cancel(true);
            throw new ItemStreamException("interrupted while waiting for a " + source.exchange() + " page", e);
        } catch (CancellationException e) {
            throw new ItemStreamException(source.exchange() + " page was cancelled", e);
        }
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(POSITION)) {
            position = context.getLong(POSITION);
            pages = context.getLong(PAGES, 0);
            differing = context.getLong(DIFFERENCES, 0);
        }
        if (context.containsKey(DERIVED_FROM)) {
            derived = new Span(context.getLong(DERIVED_FROM), context.getLong(DERIVED_TO));
        }
    }

    @Override
    public void update(ExecutionContext context) {
        long next = buffer.isEmpty() ? position : Long.parseLong(buffer.peek().openTime());
        context.putLong(POSITION, next);
        context.putLong(PAGES, pages);
        context.putLong(DIFFERENCES, differing);
        if (derived != null) {
            context.putLong(DERIVED_FROM, derived.from());
            context.putLong(DERIVED_TO, derived.to());
        }
    }

    /** The open times read from pages derived from trades, over this step and the runs it continues. */
    public Optional<Span> derived() {
        return Optional.ofNullable(derived);
    }

    /** Where candles derived from trades differ from the published ones, one line each, as read in this run. */
    public List<String> differences() {
        return List.copyOf(differences);
    }

    /** Stops the page fetched ahead, if any: a stopped or failed step asks for nothing more. */
    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
        }
        if (fetcher != null) {
            fetcher.shutdownNow();
            fetcher = null;
        }
    }
}
