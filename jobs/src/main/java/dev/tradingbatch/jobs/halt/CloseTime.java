package dev.tradingbatch.jobs.halt;

import java.util.stream.LongStream;

/**
 * The {@code candle_time} a {@code halt --close} stamps on its sell, paper or live (UTC epoch ms): just before the
 * candle in progress at the halt opened. Its trade then sorts after every trade of the candles evaluated before the
 * halt (a strategy's open position is its last trade by candle time), before any trade of the candles after it, and
 * off the candle grid, where no evaluation puts a trade: the first evaluation after {@code resume} knows it for a
 * close and starts anew, flat, from the candle in progress at the halt (the candles a lagging trader had not
 * evaluated before the close are never traded on). One millisecond earlier for each close already made in that
 * candle (one the exchange refused, then made again).
 */
final class CloseTime {

    private CloseTime() {
    }

    /**
     * @param timeframe the strategy's candle length, ms
     * @param haltedAt  when the halt was made
     * @param earlier   {@code candle_time}s of the strategy's closes made before, any candle
     */
    static long of(long timeframe, long haltedAt, LongStream earlier) {
        long inProgress = Math.floorDiv(haltedAt, timeframe) * timeframe;
        long made = earlier.filter(t -> t >= inProgress - timeframe && t < inProgress).count();
        return inProgress - 1 - made;
    }
}
