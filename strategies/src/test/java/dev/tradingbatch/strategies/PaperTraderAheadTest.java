package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay one candle behind ({@code onCandleAhead}) fills exactly where candle-by-candle evaluation does. */
class PaperTraderAheadTest {

    @ParameterizedTest
    @ValueSource(strings = {"rsi", "macd", "scalping", "trend"})
    void shouldFillExactlyAsCandleByCandle(String type) {
        StrategySpec spec = StrategySpec.of(type, Map.of());
        List<StoredCandle> candles = walk(12_000);
        FillModel fills = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"), new BigDecimal("0.0005"), 5);
        int warmUp = spec.warmUpBars();

        PaperTrader byCandle = new PaperTrader(spec, Timeframe.M1, fills);
        List<Fill> expected = new ArrayList<>();
        PaperTrader ahead = new PaperTrader(spec, Timeframe.M1, fills);
        List<Fill> actual = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            StoredCandle c = candles.get(i);
            if (i < warmUp) {
                byCandle.warmUp(c.toCandle());
                ahead.warmUp(c);
            } else {
                byCandle.onCandle(c.toCandle()).ifPresent(expected::add);
                ahead.onCandleAhead(c).ifPresent(actual::add);
            }
        }
        ahead.finishAhead().ifPresent(actual::add);

        assertThat(expected).hasSizeGreaterThan(4);
        assertThat(actual).isEqualTo(expected);
        assertThat(ahead.openPosition()).isEqualTo(byCandle.openPosition());
    }

    /** A seeded random walk of 1m candles, prices on a 0.01 tick, volume with 5 decimals. */
    private static List<StoredCandle> walk(int n) {
        Random random = new Random(11);
        List<StoredCandle> candles = new ArrayList<>(n);
        long t = 1_704_067_200_000L;
        long open = 4_200_000;
        for (int i = 0; i < n; i++) {
            long close = Math.max(100, Math.round(open * Math.exp(random.nextGaussian() * 0.002)));
            long high = Math.max(open, close) + random.nextInt(300);
            long low = Math.min(open, close) - random.nextInt(300);
            candles.add(new StoredCandle(t, open, high, low, close, 1_500_000 + random.nextInt(100_000), 2, 5));
            t += 60_000;
            open = close;
        }
        return candles;
    }
}
