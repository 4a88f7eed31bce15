package dev.tradingbatch.jobs.verify;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Single-series outliers: a candle whose high-low range is many times the range of the candles around it (a wick
 * that no neighbouring candle comes near: a bad print or a broken feed), and a candle with no volume whose price
 * moved (nothing traded, so nothing could move it).
 */
final class Outliers {

    /** Candles on each side whose ranges a candle's range is compared with. */
    static final int NEIGHBOURS = 10;

    private final double wickFactor;

    Outliers(double wickFactor) {
        this.wickFactor = wickFactor;
    }

    /** Reports the outliers among the candles at indexes {@code [from, to)} of {@code s}, oldest first. */
    void find(SeriesCandles s, int from, int to, Consumer<VerifyResult.Outlier> found) {
        long[] around = new long[2 * NEIGHBOURS];
        for (int i = from; i < to; i++) {
            if (s.noVolume(i) && moved(s, i)) {
                found.accept(new VerifyResult.Outlier(s.market, s.openTime(i), VerifyResult.Kind.NO_VOLUME_MOVE, 0));
            }
            int n = 0;
            for (int j = Math.max(0, i - NEIGHBOURS); j < Math.min(s.size(), i + NEIGHBOURS + 1); j++) {
                if (j != i) {
                    around[n++] = s.range(j);
                }
            }
            if (n == 0) {
                continue;
            }
            Arrays.sort(around, 0, n);
            long median = around[n / 2];
            // a flat neighbourhood (an illiquid market) has no range to compare with
            double times = median > 0 ? (double) s.range(i) / median : 0;
            if (times > wickFactor) {
                found.accept(new VerifyResult.Outlier(s.market, s.openTime(i), VerifyResult.Kind.WICK, times));
            }
        }
    }

    /**
     * A price moved in the candle, or since the candle of the interval just before it: its open is not the close
     * before.
     */
    private static boolean moved(SeriesCandles s, int i) {
        if (!s.flat(i)) {
            return true;
        }
        return i > 0 && s.openTime(i - 1) == s.openTime(i) - s.market.timeframe().millis() && s.close(i - 1) != s.open(i);
    }
}
