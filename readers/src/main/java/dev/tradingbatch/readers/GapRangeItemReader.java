package dev.tradingbatch.readers;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads the candles of a list of missing ranges from an exchange, range after range, page by page.
 * The ranges are fixed when the step first opens and kept in the step's execution context together
 * with the position and what each range brought back, so a restarted fill continues with the range
 * and page that were in flight and never asks a finished range again. The parts answered with candles the exchange
 * {@linkplain CandlePage#derived() derived from its trades} are kept there too ({@link #derived(ExecutionContext)}).
 */
public class GapRangeItemReader implements ItemStreamReader<RawCandle> {

    public static final String RANGES = "gapRangeItemReader.ranges";
    public static final String INDEX = "gapRangeItemReader.index";
    public static final String POSITION = "gapRangeItemReader.position";
    public static final String FOUND = "gapRangeItemReader.found";
    public static final String PAGES = ExchangeCandleItemReader.PAGES;
    public static final String DERIVED = "gapRangeItemReader.derived";

    /** Open times {@code [start, end)}, epoch ms UTC. */
    public record Range(long start, long end) {
    }

    private final CandleSource source;
    private final String symbol;
    private final Timeframe timeframe;
    private final Supplier<List<Range>> initialRanges;
    private final Deque<RawCandle> buffer = new ArrayDeque<>();
    private List<Range> ranges;
    private long[] found;
    private int index;
    private long position;
    private long pages;
    private final List<Range> derived = new ArrayList<>();

    /** {@code ranges} is asked once, on the first open of a new step execution. */
    public GapRangeItemReader(CandleSource source, String symbol, Timeframe timeframe, Supplier<List<Range>> ranges) {
        this.source = source;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.initialRanges = ranges;
    }

    @Override
    public RawCandle read() {
        while (buffer.isEmpty()) {
            if (index >= ranges.size()) {
                return null;
            }
            Range range = ranges.get(index);
            if (position >= range.end()) {
                index++;
                position = index < ranges.size() ? ranges.get(index).start() : position;
                continue;
            }
            CandlePage page = source.fetch(symbol, timeframe, position, range.end());
            pages++;
            if (page.nextFrom() <= position) {
                throw new IllegalStateException(source.exchange() + " paging did not advance past " + position);
            }
            if (page.derived()) {
                addDerived(new Range(position, page.nextFrom()));
            }
            for (RawCandle c : page.candles()) {
                buffer.add(c);
                found[index]++;
            }
            position = page.nextFrom();
        }
        return buffer.poll();
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(RANGES)) {
            ranges = parse(context.getString(RANGES));
            found = Arrays.stream(context.getString(FOUND).split(",", -1)).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            index = context.getInt(INDEX);
            position = context.getLong(POSITION);
            pages = context.getLong(PAGES, 0);
            derived.clear();
            derived.addAll(derived(context));
        } else {
            ranges = List.copyOf(initialRanges.get());
            found = new long[ranges.size()];
            index = 0;
            position = ranges.isEmpty() ? 0 : ranges.getFirst().start();
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(RANGES, format(ranges));
        // the next candle not handed out yet: buffered candles are asked again after a restart,
        // and are not counted as found twice
        // (buffered candles always belong to the current range)
        long next = position;
        long[] counted = found.clone();
        if (!buffer.isEmpty()) {
            next = Long.parseLong(buffer.peek().openTime());
            counted[index] -= buffer.size();
        }
        context.putInt(INDEX, index);
        context.putLong(POSITION, next);
        context.putString(FOUND, Arrays.stream(counted).mapToObj(Long::toString).collect(Collectors.joining(",")));
        context.putLong(PAGES, pages);
        context.putString(DERIVED, format(derived));
    }

    /** A part of a range answered from trades, joined to the part before when they meet. */
    private void addDerived(Range part) {
        Range last = derived.isEmpty() ? null : derived.getLast();
        if (last != null && last.end() == part.start()) {
            derived.set(derived.size() - 1, new Range(last.start(), part.end()));
        } else {
            derived.add(part);
        }
    }

    /** The parts of the asked ranges whose candles were derived from the exchange's trades. */
    public static List<Range> derived(ExecutionContext context) {
        return context.containsKey(DERIVED) ? parse(context.getString(DERIVED)) : List.of();
    }

    /** The ranges of a step's context with the candles each brought back (0 for ranges not reached). */
    public static List<Range> ranges(ExecutionContext context) {
        return context.containsKey(RANGES) ? parse(context.getString(RANGES)) : List.of();
    }

    /** Candles each range brought back, in the order of {@link #ranges(ExecutionContext)}. */
    public static long[] found(ExecutionContext context) {
        return context.containsKey(FOUND) ? Arrays.stream(context.getString(FOUND).split(",", -1))
                .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray() : new long[0];
    }

    private static String format(List<Range> ranges) {
        return ranges.stream().map(r -> r.start() + "-" + r.end()).collect(Collectors.joining(","));
    }

    private static List<Range> parse(String text) {
        List<Range> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isEmpty()) {
                int dash = part.indexOf('-', 1);
                list.add(new Range(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
            }
        }
        return List.copyOf(list);
    }
}
