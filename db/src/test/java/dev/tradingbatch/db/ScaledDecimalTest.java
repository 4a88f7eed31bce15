package dev.tradingbatch.db;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaledDecimalTest {

    @Test
    void shouldCountTheDecimalsAValueNeeds() {
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("42000.01000000"))).isEqualTo(2);
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("42000.00000000"))).isZero();
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("4.2E+4"))).isZero();
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("0.00000000"))).isZero();
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("0.00100000"))).isEqualTo(3);
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("-0.5"))).isEqualTo(1);
        assertThat(ScaledDecimal.scaleOf(new BigDecimal("12345678901234567890.123000"))).isEqualTo(3);
    }

    @Test
    void shouldScaleToALongOnlyWhenExact() {
        assertThat(ScaledDecimal.toLong(new BigDecimal("42000.01000000"), 2)).isEqualTo(4_200_001L);
        assertThat(ScaledDecimal.toLong(new BigDecimal("42000.01"), 5)).isEqualTo(4_200_001_000L);
        assertThat(ScaledDecimal.toLong(new BigDecimal("4.2E+4"), 1)).isEqualTo(420_000L);
        assertThat(ScaledDecimal.toLong(new BigDecimal("-1.50"), 1)).isEqualTo(-15L);
        assertThatThrownBy(() -> ScaledDecimal.toLong(new BigDecimal("42000.015"), 2))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ScaledDecimal.toLong(new BigDecimal("92233720368547758.07"), 3))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ScaledDecimal.toLong(new BigDecimal("1"), 19))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldAgreeWithBigDecimalArithmeticOnRandomValues() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            BigDecimal value = BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(-4, 16));
            assertThat(ScaledDecimal.scaleOf(value)).as(value.toString())
                    .isEqualTo(Math.max(0, value.stripTrailingZeros().scale()));
            int scale = random.nextInt(0, 13);
            Long expected;
            try {
                expected = value.setScale(scale).unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
                expected = null;
            }
            if (expected == null) {
                assertThatThrownBy(() -> ScaledDecimal.toLong(value, scale)).as(value + " at " + scale)
                        .isInstanceOf(ArithmeticException.class);
            } else {
                assertThat(ScaledDecimal.toLong(value, scale)).as(value + " at " + scale).isEqualTo(expected);
            }
        }
    }
}
