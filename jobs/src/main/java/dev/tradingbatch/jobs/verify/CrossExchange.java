package dev.tradingbatch.jobs.verify;

import dev.tradingbatch.model.MarketKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The same pair's closes on several exchanges, candle by candle: a candle whose closes spread further apart than the
 * threshold (relative to their median) is reported with every close, and, where three or more exchanges have it, the
 * ones further than the threshold from the median of all than the threshold. Two exchanges alone cannot tell which of
 * them strays.
 */
final class CrossExchange {

    private final double threshold;

    /** @param threshold a fraction of the median close: 0.01 for 1% */
    CrossExchange(double threshold) {
        this.threshold = threshold;
    }

    /**
     * Compares the series' candles with open time in {@code [from, to)}, oldest first.
     *
     * @return how many open times two or more of the series have (the candles compared)
     */
    long compare(List<SeriesCandles> series, long from, long to, Consumer<VerifyResult.Stray> found) {
        int n = series.size();
        int[] next = new int[n];
        for (int k = 0; k < n; k++) {
            next[k] = series.get(k).indexAtOrAfter(from);
        }
        long compared = 0;
        while (true) {
            long time = Long.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                SeriesCandles s = series.get(k);
                if (next[k] < s.size() && s.openTime(next[k]) < to) {
                    time = Math.min(time, s.openTime(next[k]));
                }
            }
            if (time == Long.MAX_VALUE) {
                return compared;
            }
            List<Integer> having = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                SeriesCandles s = series.get(k);
                if (next[k] < s.size() && s.openTime(next[k]) == time) {
                    having.add(k);
                }
            }
            if (having.size() >= 2) {
                compared++;
                compareAt(series, next, having, time, found);
            }
            for (int k : having) {
                next[k]++;
            }
        }
    }

    private void compareAt(List<SeriesCandles> series, int[] next, List<Integer> having, long time,
                           Consumer<VerifyResult.Stray> found) {
        double[] closes = new double[having.size()];
        for (int j = 0; j < closes.length; j++) {
            int k = having.get(j);
            closes[j] = series.get(k).closeValue(next[k]);
        }
        double median = median(closes);
        double spread = (max(closes) - min(closes)) / median;
        if (!(spread > threshold)) {
            return;
        }
        List<VerifyResult.Close> all = new ArrayList<>();
        List<MarketKey> straying = new ArrayList<>();
        for (int j = 0; j < closes.length; j++) {
            int k = having.get(j);
            SeriesCandles s = series.get(k);
            all.add(new VerifyResult.Close(s.market, s.closeDecimal(next[k])));
            if (closes.length >= 3) {
                if (Math.abs(closes[j] - median) / median > threshold) {
                    straying.add(s.market);
                }
            }
        }
        found.accept(new VerifyResult.Stray(time, all, spread, straying));
    }

    private static double median(double[] values) {
        double[] kept = values.clone();
        Arrays.sort(kept);
        int m = kept.length / 2;
        return kept.length % 2 == 1 ? kept[m] : (kept[m - 1] + kept[m]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
