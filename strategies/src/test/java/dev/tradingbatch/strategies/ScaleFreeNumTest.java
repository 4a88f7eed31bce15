package dev.tradingbatch.strategies;

import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleFreeNumTest {

    @Test
    void shouldCallNumbersEqualOnlyWhenTheirDoublesAre() {
        // DoubleNum calls these equal (within 1e-5): a tiny ATR "equals" zero
        assertThat(DoubleNum.valueOf(0.000004)).isEqualTo(DoubleNum.valueOf(0));
        assertThat(ScaleFreeNum.of(0.000004)).isNotEqualTo(ScaleFreeNum.of(0));
        assertThat(ScaleFreeNum.of(0.000004)).isEqualTo(ScaleFreeNum.of(0.000004));
        assertThat(ScaleFreeNum.of(0.000004).isEqual(ScaleFreeNum.of(0.000004))).isTrue();
    }

    @Test
    void shouldComputeExactlyWhatDoubleNumComputes() {
        Random random = new Random(7);
        List<BinaryOperator<Num>> operations = List.of(Num::plus, Num::minus, Num::multipliedBy, Num::dividedBy,
                Num::remainder, Num::min, Num::max);
        for (int i = 0; i < 10_000; i++) {
            double a = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(16) - 8);
            double b = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(16) - 8);
            for (BinaryOperator<Num> op : operations) {
                assertThat(op.apply(ScaleFreeNum.of(a), ScaleFreeNum.of(b)).doubleValue())
                        .isEqualTo(op.apply(DoubleNum.valueOf(a), DoubleNum.valueOf(b)).doubleValue());
            }
            assertThat(ScaleFreeNum.of(a).compareTo(ScaleFreeNum.of(b)))
                    .isEqualTo(DoubleNum.valueOf(a).compareTo(DoubleNum.valueOf(b)));
            assertThat(ScaleFreeNum.of(a).sqrt().isNaN()).isEqualTo(DoubleNum.valueOf(a).sqrt().isNaN());
        }
        assertThat(ScaleFreeNum.of(1).dividedBy(ScaleFreeNum.of(0))).isSameAs(NaN.NaN);
        assertThat(ScaleFreeNum.of(1).isGreaterThan(NaN.NaN)).isFalse();
    }

    @Test
    void shouldGiveTheSameAdxOnAMarketPricedAMillionTimesLower() {
        double[] closes = new double[200];
        Random random = new Random(11);
        closes[0] = 40_000;
        for (int i = 1; i < closes.length; i++) {
            closes[i] = closes[i - 1] * (1 + (random.nextDouble() - 0.5) / 50);
        }
        ADXIndicator large = new ADXIndicator(series(closes, 1), 14);
        ADXIndicator small = new ADXIndicator(series(closes, 1e-6), 14);

        for (int i = 60; i < closes.length; i++) {
            assertThat(small.getValue(i).doubleValue()).as("ADX at bar %d", i)
                    .isCloseTo(large.getValue(i).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(large.getValue(closes.length - 1).doubleValue()).isGreaterThan(5);
    }

    private static BarSeries series(double[] closes, double factor) {
        BarSeries series = CandleBars.series("test", Integer.MAX_VALUE);
        for (int i = 0; i < closes.length; i++) {
            double close = closes[i] * factor;
            double open = (i == 0 ? closes[0] : closes[i - 1]) * factor;
            series.addBar(new BaseBar(Duration.ofMinutes(1), Instant.ofEpochSecond(60L * i), null,
                    ScaleFreeNum.of(open), ScaleFreeNum.of(Math.max(open, close) * 1.001),
                    ScaleFreeNum.of(Math.min(open, close) * 0.999), ScaleFreeNum.of(close), ScaleFreeNum.of(1),
                    ScaleFreeNum.ZERO, 0));
        }
        return series;
    }
}
