package dev.tradingbatch.bench;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;

import java.util.Random;

/**
 * The benchmark's data: 1m candles from a seeded log random walk, the generator of
 * {@code StorageSizeReport} (db tests), so the same seed gives the same candles on every machine.
 * <p>
 * Two profiles alternate by series index: BTC-like (starts near 42,000.00, volume around 15 with 5
 * decimals) and ETH-like (near 2,000.00, volume around 200 with 4 decimals); prices on a 0.01 tick.
 * Each candle: close = open * exp(N(0,1) * 0.0007) (0.07% a minute, about 2.7% a day, like BTC 1m);
 * high = max(open, close) + |N| * 0.00035 * open, low the same below min(open, close); volume
 * log-normal around the profile's level; the next candle opens at this close. No gaps.
 */
final class RandomWalk {

    /** 2022-01-01T00:00:00Z, epoch ms: the first open time of every series (1M minutes later is still past). */
    static final long T0 = 1_640_995_200_000L;
    static final long STEP = Timeframe.M1.millis();
    static final long SEED = 20240101L;

    private RandomWalk() {
    }

    /** One generated series: values as integers scaled by 10^priceScale (prices) and 10^volumeScale. */
    record Series(MarketKey market, int priceScale, int volumeScale,
                  long[] open, long[] high, long[] low, long[] close, long[] volume) {

        int size() {
            return open.length;
        }

        /** Open time (UTC epoch ms) of candle {@code i}. */
        long time(int i) {
            return T0 + i * STEP;
        }

        /** The first open time after the series. */
        long end() {
            return time(size());
        }
    }

    /** Series number {@code index} of {@code count} candles on {@code market}: seed {@code SEED + index}. */
    static Series generate(MarketKey market, int index, int count) {
        boolean btc = index % 2 == 0;
        Random rnd = new Random(SEED + index);
        long[] o = new long[count];
        long[] h = new long[count];
        long[] l = new long[count];
        long[] c = new long[count];
        long[] v = new long[count];
        int volumeScale = btc ? 5 : 4;
        double volumeUnit = Math.pow(10, volumeScale);
        long open = Math.round((btc ? 42_000 : 2_000) * (1 + 0.001 * (index % 100)) * 100);
        for (int i = 0; i < count; i++) {
            double p = open / 100.0;
            long close = Math.max(1, Math.round(p * Math.exp(rnd.nextGaussian() * 0.0007) * 100));
            o[i] = open;
            c[i] = close;
            h[i] = Math.max(open, close) + Math.round(Math.abs(rnd.nextGaussian()) * 0.00035 * p * 100);
            l[i] = Math.max(1, Math.min(open, close) - Math.round(Math.abs(rnd.nextGaussian()) * 0.00035 * p * 100));
            v[i] = Math.round((btc ? 15 : 200) * Math.exp(rnd.nextGaussian()) * volumeUnit);
            open = close;
        }
        return new Series(market, 2, volumeScale, o, h, l, c, v);
    }

    /** The symbol of series {@code index}: {@code C00/USDT}, {@code C01/USDT}, ... */
    static String symbol(int index) {
        return "C%02d/USDT".formatted(index);
    }
}
