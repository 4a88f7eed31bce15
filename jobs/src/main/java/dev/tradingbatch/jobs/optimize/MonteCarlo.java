package dev.tradingbatch.jobs.optimize;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code optimize --monte-carlo N}: how much of a set's result is the order its trades came in. The set's closed
 * trades (each its return on what its buy cost, fees included) are drawn with replacement, as many as it made, N
 * times; each draw is compounded from 1 in the order drawn, giving a total return and the largest fall of that equity
 * from a peak. The 5th, 50th and 95th percentiles (nearest rank) of both over the N draws are the answer. Seeded, so
 * the same seed gives the same figures; the figures are statistics, computed in doubles.
 */
public final class MonteCarlo {

    /** The most resamples one run draws. */
    public static final int MAX_RUNS = 100_000;

    private MonteCarlo() {
    }

    /**
     * The percentiles of N resamples.
     *
     * @param runs   resamples drawn
     * @param trades closed trades in each (the set's own count)
     * @param returnPercent   total return, percent: 5th, 50th, 95th percentile
     * @param drawdownPercent largest fall from a peak, percent (positive): 5th, 50th, 95th percentile
     */
    public record Summary(int runs, int trades, long seed, double[] returnPercent, double[] drawdownPercent) {
    }

    /**
     * Resamples {@code tradeReturnsPercent} (each closed trade's return in percent, in the order made) {@code runs}
     * times with {@code seed}. With no closed trade every figure is 0.
     */
    public static Summary of(List<BigDecimal> tradeReturnsPercent, int runs, long seed) {
        if (runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("runs must be in [1, " + MAX_RUNS + "], got " + runs);
        }
        double[] factors = tradeReturnsPercent.stream().mapToDouble(p -> 1 + p.doubleValue() / 100).toArray();
        double[] totals = new double[runs];
        double[] drawdowns = new double[runs];
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < runs; run++) {
            double equity = 1;
            double peak = 1;
            double worst = 0;
            for (int k = 0; k < factors.length; k++) {
                equity *= factors[random.nextInt(factors.length)];
                peak = Math.max(peak, equity);
                worst = Math.max(worst, 1 - equity / peak);
            }
            totals[run] = (equity - 1) * 100;
            drawdowns[run] = worst * 100;
        }
        return new Summary(runs, factors.length, seed, percentiles(totals), percentiles(drawdowns));
    }

    /** The 5th, 50th and 95th percentile of {@code values} by nearest rank: the ⌈p·n⌉-th smallest. */
    static double[] percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] {rank(sorted, 5), rank(sorted, 50), rank(sorted, 95)};
    }

    private static double rank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
