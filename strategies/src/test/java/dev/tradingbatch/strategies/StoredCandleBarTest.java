package dev.tradingbatch.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingbatch.model.StoredCandle;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Bar;
import org.ta4j.core.num.DoubleNum;

/** The bar of a stored candle reads as the {@code BaseBar} of its exact decimals. */
class StoredCandleBarTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void shouldHoldTheValuesOfTheBaseBarOfTheExactCandle() {
        StoredCandle stored = new StoredCandle(1_704_067_200_000L, 4_200_012, 4_210_000, 4_199_999, 4_205_001,
                1_234_567_891, 2, 5);
        Bar base = CandleBars.bar(stored.toCandle(), MINUTE);

        Bar bar = CandleBars.bar(stored, MINUTE);

        assertThat(bar).isInstanceOf(StoredCandleBar.class);
        assertThat(bar.getTimePeriod()).isEqualTo(base.getTimePeriod());
        assertThat(bar.getBeginTime()).isEqualTo(base.getBeginTime());
        assertThat(bar.getEndTime()).isEqualTo(base.getEndTime());
        assertThat(bar.getOpenPrice()).isEqualTo(base.getOpenPrice());
        assertThat(bar.getHighPrice()).isEqualTo(base.getHighPrice());
        assertThat(bar.getLowPrice()).isEqualTo(base.getLowPrice());
        assertThat(bar.getClosePrice()).isEqualTo(base.getClosePrice());
        assertThat(bar.getVolume()).isEqualTo(base.getVolume());
        assertThat(bar.getAmount()).isEqualTo(base.getAmount());
        assertThat(bar.getTrades()).isEqualTo(base.getTrades());
        assertThat(bar.numFactory()).isEqualTo(base.numFactory());
        assertThat(bar.getClosePrice().doubleValue()).isEqualTo(42_050.01);
        assertThat(bar.getVolume().doubleValue()).isEqualTo(12_345.67891);
    }

    @Test
    void shouldBuildEachValueOnceAndTakeNoTrade() {
        Bar bar = CandleBars.bar(new StoredCandle(0, 100, 300, 50, 200, 7, 2, 0), MINUTE);

        assertThat(bar.getHighPrice()).isSameAs(bar.getHighPrice());
        assertThat(bar.getEndTime()).isSameAs(bar.getEndTime());
        assertThatThrownBy(() -> bar.addPrice(DoubleNum.valueOf(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> bar.addTrade(DoubleNum.valueOf(1), DoubleNum.valueOf(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
