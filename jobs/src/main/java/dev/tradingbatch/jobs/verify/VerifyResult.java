package dev.tradingbatch.jobs.verify;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;

import java.math.BigDecimal;
import java.util.List;

/**
 * What {@code verify} found on one pair and timeframe over {@code [from, to)} (UTC epoch ms): the series compared, the
 * candles where their closes stray apart, each series' outliers. Only the first {@code limit} findings of each kind
 * are kept (oldest first); the counts are of all of them.
 *
 * @param compared        the series whose closes were compared (the pair's quote, or a quote taken as equal to it)
 * @param leftOut         series of the same base in another quote, not compared
 * @param candlesCompared open times that two or more of the compared series have
 * @param threshold       the spread reported, as a fraction of the median close
 * @param wickFactor      how many times the neighbouring candles' range a reported wick spans
 */
public record VerifyResult(String symbol, Timeframe timeframe, long from, long to, List<MarketKey> compared,
                           List<MarketKey> leftOut, long candlesCompared, List<Stray> strays, long strayCount,
                           List<Outlier> outliers, long outlierCount, double threshold, double wickFactor) {

    /** Nothing strayed and no outlier was found. */
    public boolean clean() {
        return strayCount == 0 && outlierCount == 0;
    }

    /** One exchange's close at a compared open time, exactly as stored. */
    public record Close(MarketKey market, BigDecimal close) {
    }

    /**
     * A candle whose closes spread apart by more than the threshold.
     *
     * @param spread   (highest close - lowest close) / median close
     * @param straying the series further than the threshold from the median of all (needs three or more)
     */
    public record Stray(long openTime, List<Close> closes, double spread, List<MarketKey> straying) {
    }

    /** What makes a candle an outlier in its own series. */
    public enum Kind {
        /** Its high-low range is more than the wick factor times its neighbours' median range. */
        WICK,
        /** No volume, yet its price moved (within the candle or from the close before it). */
        NO_VOLUME_MOVE
    }

    /** @param times for a wick, its range over the neighbours' median range */
    public record Outlier(MarketKey market, long openTime, Kind kind, double times) {
    }
}
