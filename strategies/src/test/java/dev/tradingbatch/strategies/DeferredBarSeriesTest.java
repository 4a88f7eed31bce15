package dev.tradingbatch.strategies;

import dev.tradingbatch.model.StoredCandle;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DeferredBarSeries} reads, whenever it is read, as a series fed every candle at once: the same bars at the
 * same indices, the same begin, end and removed counts, the same indicator values, whether candles were dropped
 * before any bar was built or after.
 */
class DeferredBarSeriesTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final List<StoredCandle> CANDLES = IndicatorCacheTest.CANDLES;

    @Test
    void shouldReadAsASeriesFedAtOnceWhenCandlesWereDroppedBeforeAnyRead() {
        BarSeries eager = CandleBars.series("eager", Integer.MAX_VALUE);
        DeferredBarSeries deferred = new DeferredBarSeries(CandleBars.series("deferred", Integer.MAX_VALUE), MINUTE);
        for (int i = 0; i < 1_000; i++) {
            eager.addBar(CandleBars.bar(CANDLES.get(i), MINUTE));
            deferred.defer(CANDLES.get(i));
            if (eager.getBarCount() == 300) {
                keepLast(eager, 100);
                deferred.keepLast(100);
            }
            assertThat(deferred.lastIndex()).isEqualTo(eager.getEndIndex());
            assertThat(deferred.heldCount()).isEqualTo(eager.getBarCount());
        }
        assertSameSeries(deferred, eager);
    }

    @Test
    void shouldReadAsASeriesFedAtOnceWhenReadNowAndThen() {
        BarSeries eager = CandleBars.series("eager", Integer.MAX_VALUE);
        DeferredBarSeries deferred = new DeferredBarSeries(CandleBars.series("deferred", Integer.MAX_VALUE), MINUTE);
        SMAIndicator eagerSma = new SMAIndicator(new ClosePriceIndicator(eager), 20);
        SMAIndicator deferredSma = new SMAIndicator(new ClosePriceIndicator(deferred), 20);
        Random random = new Random(5);
        for (int i = 0; i < CANDLES.size(); i++) {
            eager.addBar(CandleBars.bar(CANDLES.get(i), MINUTE));
            deferred.defer(CANDLES.get(i));
            if (eager.getBarCount() == 500) {
                keepLast(eager, 200);
                deferred.keepLast(200);
            }
            // read on one candle in 50, from the first bar held to the last
            if (random.nextInt(50) == 0) {
                int index = eager.getEndIndex() - random.nextInt(eager.getBarCount());
                assertThat(deferredSma.getValue(index)).as("SMA at %d", index).isEqualTo(eagerSma.getValue(index));
                assertSameSeries(deferred, eager);
            }
        }
        assertSameSeries(deferred, eager);
    }

    private static void keepLast(BarSeries series, int keep) {
        series.setMaximumBarCount(keep);
        series.setMaximumBarCount(Integer.MAX_VALUE);
    }

    private static void assertSameSeries(BarSeries deferred, BarSeries eager) {
        assertThat(deferred.getBeginIndex()).isEqualTo(eager.getBeginIndex());
        assertThat(deferred.getEndIndex()).isEqualTo(eager.getEndIndex());
        assertThat(deferred.getBarCount()).isEqualTo(eager.getBarCount());
        assertThat(deferred.getRemovedBarsCount()).isEqualTo(eager.getRemovedBarsCount());
        for (int i = 0; i <= eager.getEndIndex(); i++) {
            // below the first bar held, both give that first bar
            assertThat(deferred.getBar(i).getBeginTime()).as("bar %d", i).isEqualTo(eager.getBar(i).getBeginTime());
            assertThat(deferred.getBar(i).getClosePrice()).as("bar %d", i).isEqualTo(eager.getBar(i).getClosePrice());
        }
    }
}
