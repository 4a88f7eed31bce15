package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;

import java.util.List;

/**
 * How completely a range of a series is stored: the candles its timeframe's grid expects in {@code [from, to)}
 * (UTC epoch ms of open times), how many are stored, how many the exchange confirmed empty, and the open gaps
 * (missing ranges nobody has confirmed). A result read off a range with open gaps may be quietly wrong: it traded
 * as if the missing candles never happened.
 *
 * @param confirmedEmpty candles missing in ranges an exchange confirmed empty (no trades: not a hole)
 * @param open           the open gaps starting in the range, oldest first
 */
public record Coverage(MarketKey market, long from, long to, long expected, long stored, long confirmedEmpty,
                       List<Gap> open) {

    public Coverage {
        open = List.copyOf(open);
    }

    /**
     * The coverage of {@code [from, to)}, {@code from} on the timeframe's grid and {@code to} at most just after
     * the newest stored candle; a gap reaching past {@code to} counts only its part before it.
     */
    public static Coverage of(CandleRepository candles, GapRepository gaps, MarketKey market, long from, long to) {
        return of(gaps, market, from, to, candles.count(market, from, to));
    }

    /** The coverage of a whole stored series, from its first to its last candle. */
    public static Coverage of(GapRepository gaps, MarketSummary series) {
        return of(gaps, series.market(), series.firstOpenTime(),
                series.lastOpenTime() + series.market().timeframe().millis(), series.count());
    }

    private static Coverage of(GapRepository gaps, MarketKey market, long from, long to, long stored) {
        long tf = market.timeframe().millis();
        long expected = Math.max(0, (to - from + tf - 1) / tf);
        long confirmed = 0;
        List<Gap> all = gaps.gaps(market, from, to);
        for (Gap g : all) {
            if (g.confirmedEmpty()) {
                confirmed += (Math.min(g.end(), to) - g.start() + tf - 1) / tf;
            }
        }
        List<Gap> open = all.stream().filter(g -> !g.confirmedEmpty()).toList();
        return new Coverage(market, from, to, expected, stored, confirmed, open);
    }

    /** Candles missing in the open gaps (the part of each inside the range). */
    public long openMissing() {
        long tf = market.timeframe().millis();
        return open.stream().mapToLong(g -> (Math.min(g.end(), to) - g.start() + tf - 1) / tf).sum();
    }

    /** {@code 1800 expected, 1786 stored, 0 confirmed empty, 2 open gaps (14 candles missing)}. */
    public String text() {
        return expected + " expected, " + stored + " stored, " + confirmedEmpty + " confirmed empty, " + open.size()
                + (open.size() == 1 ? " open gap" : " open gaps") + " (" + openMissing()
                + (openMissing() == 1 ? " candle" : " candles") + " missing)";
    }
}
