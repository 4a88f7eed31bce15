package dev.tradingbatch.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tradingbatch.model.Candle;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

/**
 * The RSI and MACD the strategies read, on the real Bitstamp sample, against the same indicators computed here in
 * plain doubles. ta4j 0.22 seeds a Wilder average or an EMA of period n with the single value at index n; the usual
 * seeds (the average of the first n gains, the first close) differ, and the warm-up is what makes that not matter.
 */
class IndicatorReferenceTest {

    private static final List<Candle> CANDLES = TestCandles.sample("bitstamp-BTC-USD-5m.csv");
    private static final double[] CLOSES = CANDLES.stream().mapToDouble(c -> c.close().doubleValue()).toArray();

    @Test
    void shouldComputeWildersRsi() {
        StrategySpec spec = StrategySpec.defaults(StrategyType.RSI);
        List<Indicator<Num>> indicators = spec.compose(series()).indicators();
        double[] rsi = values(indicators.get(0));
        int warmUp = spec.warmUpBars();

        double[] seededLikeTa4j = wilderRsi(CLOSES, 14, false);
        double[] textbook = wilderRsi(CLOSES, 14, true);

        assertThat(warmUp).isEqualTo(154);
        for (int i = 0; i < 14; i++) {
            assertThat(rsi[i]).as("RSI at %d", i).isNaN();
        }
        for (int i = 14; i < CLOSES.length; i++) {
            assertThat(rsi[i]).as("RSI at %d", i).isCloseTo(seededLikeTa4j[i], within(1e-9 * seededLikeTa4j[i]));
        }
        for (int i = warmUp; i < CLOSES.length; i++) {
            // The seed difference (up to 45 RSI points here) times e^-10
            assertThat(rsi[i]).as("RSI at %d", i).isCloseTo(textbook[i], within(1e-3));
        }
        for (int i = 2 * warmUp; i < CLOSES.length; i++) {
            assertThat(rsi[i]).as("RSI at %d", i).isCloseTo(textbook[i], within(1e-9 * textbook[i]));
        }
    }

    @Test
    void shouldComputeTheMacdLineAndItsSignal() {
        StrategySpec spec = StrategySpec.defaults(StrategyType.MACD);
        List<Indicator<Num>> indicators = spec.compose(series()).indicators();
        double[] macd = values(indicators.get(0));
        double[] signal = values(indicators.get(1));
        int warmUp = spec.warmUpBars();

        double[] macdLikeTa4j = minus(ema(CLOSES, 12, 12), ema(CLOSES, 26, 26));
        double[] signalLikeTa4j = ema(macdLikeTa4j, 9, 26);
        double[] textbookMacd = minus(ema(CLOSES, 12, 0), ema(CLOSES, 26, 0));
        double[] textbookSignal = ema(textbookMacd, 9, 0);

        assertThat(warmUp).isEqualTo(211);
        for (int i = 26; i < CLOSES.length; i++) {
            // MACD is in price units and crosses zero: tolerances are relative to the close
            assertThat(macd[i]).as("MACD at %d", i).isCloseTo(macdLikeTa4j[i], within(1e-9 * CLOSES[i]));
            assertThat(signal[i]).as("signal at %d", i).isCloseTo(signalLikeTa4j[i], within(1e-9 * CLOSES[i]));
        }
        for (int i = warmUp; i < CLOSES.length; i++) {
            assertThat(macd[i]).as("MACD at %d", i).isCloseTo(textbookMacd[i], within(1e-9 * CLOSES[i]));
            assertThat(signal[i]).as("signal at %d", i).isCloseTo(textbookSignal[i], within(1e-9 * CLOSES[i]));
        }
    }

    /**
     * Wilder's RSI: average gain and loss over {@code n} changes, then avg = (avg * (n - 1) + change) / n. The first
     * averages, at index n, are those of the first n changes ({@code textbook}) or the change at n alone (ta4j).
     */
    private static double[] wilderRsi(double[] closes, int n, boolean textbook) {
        double[] rsi = new double[closes.length];
        Arrays.fill(rsi, Double.NaN);
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= n; i++) {
            double change = closes[i] - closes[i - 1];
            if (textbook || i == n) {
                gain += Math.max(change, 0) / (textbook ? n : 1);
                loss += Math.max(-change, 0) / (textbook ? n : 1);
            }
        }
        rsi[n] = 100 - 100 / (1 + gain / loss);
        for (int i = n + 1; i < closes.length; i++) {
            double change = closes[i] - closes[i - 1];
            gain = (gain * (n - 1) + Math.max(change, 0)) / n;
            loss = (loss * (n - 1) + Math.max(-change, 0)) / n;
            rsi[i] = 100 - 100 / (1 + gain / loss);
        }
        return rsi;
    }

    /** EMA with k = 2 / (n + 1), starting at index {@code seed} with the value there; NaN before. */
    private static double[] ema(double[] values, int n, int seed) {
        double k = 2.0 / (n + 1);
        double[] ema = new double[values.length];
        Arrays.fill(ema, 0, seed, Double.NaN);
        ema[seed] = values[seed];
        for (int i = seed + 1; i < values.length; i++) {
            ema[i] = ema[i - 1] + k * (values[i] - ema[i - 1]);
        }
        return ema;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] difference = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return difference;
    }

    /** The sample as the series a {@link PaperTrader} builds, without a window. */
    private static BarSeries series() {
        BarSeries series = CandleBars.series("bitstamp BTC/USD 5m", Integer.MAX_VALUE);
        CANDLES.forEach(candle -> series.addBar(CandleBars.bar(candle, Duration.ofMinutes(5))));
        return series;
    }

    private static double[] values(Indicator<Num> indicator) {
        double[] values = new double[CLOSES.length];
        for (int i = 0; i < values.length; i++) {
            Num value = indicator.getValue(i);
            values[i] = value.isNaN() ? Double.NaN : value.doubleValue();
        }
        return values;
    }
}
