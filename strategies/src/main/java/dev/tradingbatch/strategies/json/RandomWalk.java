package dev.tradingbatch.strategies.json;

import dev.tradingbatch.strategies.ScaleFreeNum;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;

/**
 * A seeded random walk of one-minute bars from 100, in the numbers strategies run on: a series on which a strategy's
 * rules fire often enough to compare two versions of it bar by bar.
 */
final class RandomWalk {

    private RandomWalk() {
    }

    static BarSeries series(int bars, long seed) {
        BarSeries series = new BaseBarSeriesBuilder().withName("random walk")
                .withNumFactory(ScaleFreeNum.Factory.INSTANCE).build();
        Random random = new Random(seed);
        double close = 100;
        for (int i = 0; i < bars; i++) {
            double open = close;
            close = Math.round(open * (1 + random.nextGaussian() * 0.004) * 100) / 100.0;
            double high = Math.max(open, close) + random.nextInt(30) / 100.0;
            double low = Math.min(open, close) - random.nextInt(30) / 100.0;
            series.barBuilder().timePeriod(Duration.ofMinutes(1)).endTime(Instant.ofEpochSecond(60L * (i + 1)))
                    .openPrice(open).highPrice(high).lowPrice(low).closePrice(close).volume(1 + random.nextInt(100))
                    .add();
        }
        return series;
    }
}
