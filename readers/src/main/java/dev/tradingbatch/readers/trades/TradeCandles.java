package dev.tradingbatch.readers.trades;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Candles of one timeframe built from trades in time order, over open times in {@code [from, end)}: open is the
 * first trade's price, high and low the extremes, close the last trade's price, volume the exact sum of the
 * volumes; prices keep the text the exchange sent. An interval without trades gets no candle. An interval is
 * complete only once a later trade is seen, the range end is reached, or the exchange has nothing newer and the
 * interval has closed by the clock ({@link #exhausted}); until then it is pending and {@link #nextFrom()} is its
 * open time, so that the trades of a pending interval are asked for again rather than kept. Memory: the complete
 * candles and one pending interval's running figures, never the trades themselves.
 */
public final class TradeCandles {

    private final Timeframe timeframe;
    private final long from;
    private final long end;
    private final List<RawCandle> complete = new ArrayList<>();
    private Pending pending;
    /** Open time of the first interval not known to be complete. */
    private long frontier;
    private boolean reachedEnd;

    /** Candles opening in {@code [from, end)}, epoch ms UTC on the timeframe's grid. */
    public TradeCandles(Timeframe timeframe, long from, long end) {
        if (end <= from) {
            throw new IllegalArgumentException("empty range [" + from + ", " + end + ")");
        }
        this.timeframe = timeframe;
        this.from = from;
        this.end = end;
        this.frontier = from;
    }

    /** Takes the next trade (not earlier than the one before); trades before {@code from} are passed over. */
    public void add(Trade trade) {
        if (reachedEnd || trade.time() < from) {
            return;
        }
        if (trade.time() >= end) {
            completePending();
            frontier = end;
            reachedEnd = true;
            return;
        }
        long open = timeframe.floor(trade.time());
        if (pending != null && pending.open != open) {
            completePending();
        }
        if (pending == null) {
            pending = new Pending(open, trade);
        } else {
            pending.add(trade);
        }
        frontier = open;
    }

    /**
     * The exchange has no trade newer than those added, at {@code now} (epoch ms): every interval that has closed by
     * then is complete, the pending one included, and intervals up to now without trades are known to have none.
     */
    public void exhausted(long now) {
        if (reachedEnd) {
            return;
        }
        if (pending != null && pending.open + timeframe.millis() <= now) {
            completePending();
        }
        if (pending == null) {
            frontier = Math.max(frontier, Math.min(end, timeframe.floor(now)));
            reachedEnd = frontier == end;
        }
    }

    /** Whether a trade at or after the range end was seen (or the exchange had nothing newer up to it): all is complete. */
    public boolean reachedEnd() {
        return reachedEnd;
    }

    /** The complete candles so far, oldest first. */
    public List<RawCandle> complete() {
        return List.copyOf(complete);
    }

    /** The open time to ask again from: the first interval not complete, or {@code end} when all are. */
    public long nextFrom() {
        return frontier;
    }

    private void completePending() {
        if (pending != null) {
            complete.add(pending.candle());
            pending = null;
        }
    }

    /** One interval's running figures; the prices' text is kept as sent. */
    private static final class Pending {
        private final long open;
        private final String first;
        private String high;
        private BigDecimal highValue;
        private String low;
        private BigDecimal lowValue;
        private String last;
        private BigDecimal volume;

        Pending(long open, Trade trade) {
            this.open = open;
            this.first = trade.price();
            this.high = trade.price();
            this.highValue = trade.priceValue();
            this.low = trade.price();
            this.lowValue = highValue;
            this.last = trade.price();
            this.volume = trade.volumeValue();
        }

        void add(Trade trade) {
            BigDecimal price = trade.priceValue();
            if (price.compareTo(highValue) > 0) {
                high = trade.price();
                highValue = price;
            }
            if (price.compareTo(lowValue) < 0) {
                low = trade.price();
                lowValue = price;
            }
            last = trade.price();
            volume = volume.add(trade.volumeValue());
        }

        RawCandle candle() {
            return new RawCandle(Long.toString(open), first, high, low, last, DecimalText.plain(volume));
        }
    }
}
