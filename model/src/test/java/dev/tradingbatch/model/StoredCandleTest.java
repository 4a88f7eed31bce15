package dev.tradingbatch.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StoredCandleTest {

    @Test
    void shouldGiveTheDoublesOfTheExactDecimals() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            long unscaled = random.nextLong() >> random.nextInt(64);
            int scale = random.nextInt(0, 25);
            assertThat(StoredCandle.toDouble(unscaled, scale)).as(unscaled + " scale " + scale)
                    .isEqualTo(BigDecimal.valueOf(unscaled, scale).doubleValue());
        }
    }

    @Test
    void shouldDecodeToTheExactCandle() {
        StoredCandle stored = new StoredCandle(1_704_067_200_000L, 4_200_001L, 4_210_000L, 4_190_050L, 4_200_001L,
                100_000L, 2, 8);

        Candle candle = stored.toCandle();

        assertThat(candle.openTime()).isEqualTo(1_704_067_200_000L);
        assertThat(candle.open()).isEqualTo(new BigDecimal("42000.01"));
        assertThat(candle.low()).isEqualTo(new BigDecimal("41900.50"));
        assertThat(candle.volume()).isEqualTo(new BigDecimal("0.00100000"));
        assertThat(stored.closeDecimal()).isEqualTo(candle.close());
        assertThat(stored.highValue()).isEqualTo(42100.0);
        assertThat(stored.volumeValue()).isEqualTo(0.001);
    }
}
