package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategy.api.SharedIndicators;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indicators shared through an {@link IndicatorCache} give every strategy exactly what its own indicators give: the
 * same values at every bar (ta4j's NaN included), so the same fills, whether the values were computed once for many
 * sets, dropped by the bound and computed again, or not shared at all.
 */
class IndicatorCacheTest {

    static final FillModel FILLS = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("0.0005"), 5);
    static final List<StoredCandle> CANDLES = walk(6_000);

    @Test
    void shouldGiveEverySetOfAGridTheFillsOfItsOwnIndicators() {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M1, IndicatorCache.defaultBound());
        int widest = StrategySpec.of("rsi", Map.of("period", "30")).warmUpBars();
        int trades = 0;
        for (String period : List.of("6", "14", "30")) {
            for (String oversold : List.of("20", "30", "40")) {
                for (String stop : List.of("", "2")) {
                    Map<String, String> params = new java.util.HashMap<>(Map.of("period", period, "oversold", oversold,
                            "overbought", "65"));
                    if (!stop.isEmpty()) {
                        params.put("stop-loss", stop);
                    }
                    StrategySpec spec = StrategySpec.of("rsi", params);
                    int first = widest - spec.warmUpBars();
                    List<Fill> own = replay(spec, first, SharedIndicators.NONE);
                    assertThat(replay(spec, first, cache.from(first))).as("%s", spec).isEqualTo(own);
                    trades += own.size();
                }
            }
        }
        assertThat(trades).as("the sets trade").isGreaterThan(100);
        long[] bars = {CANDLES.size() - (widest - 66), CANDLES.size() - (widest - 154), CANDLES.size() - (widest - 330)};
        assertThat(cache.held()).as("per period, each from its set's first candle: one RSI (a double a bar), "
                        + "three entry rules and one exit rule (a bit a bar, in longs)")
                .isEqualTo(bars[0] + bars[1] + bars[2] + 4 * ((bars[0] + 63) / 64 + (bars[1] + 63) / 64
                        + (bars[2] + 63) / 64));
    }

    @Test
    void shouldReadBackEveryValueOfTheIndicatorNaNIncluded() {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M1, IndicatorCache.defaultBound());
        int first = 100;
        BarSeries series = CandleBars.series("own", Integer.MAX_VALUE);
        Indicator<Num> shared = cache.from(first).get(series, "rsi(close,14)",
                s -> new RSIIndicator(new ClosePriceIndicator(s), 14));
        BarSeries plain = CandleBars.series("plain", Integer.MAX_VALUE);
        RSIIndicator own = new RSIIndicator(new ClosePriceIndicator(plain), 14);
        for (int i = first; i < CANDLES.size(); i++) {
            plain.addBar(CandleBars.bar(CANDLES.get(i), java.time.Duration.ofMinutes(1)));
        }
        for (int i = 0; i <= plain.getEndIndex(); i++) {
            Num expected = own.getValue(i);
            assertThat(shared.getValue(i).isNaN()).as("bar %d", i).isEqualTo(expected.isNaN());
            if (!expected.isNaN()) {
                assertThat(shared.getValue(i).doubleValue()).as("bar %d", i).isEqualTo(expected.doubleValue());
            }
        }
        assertThat(shared.toString()).isEqualTo(new RSIIndicator(new ClosePriceIndicator(series), 14).toString());
    }

    @Test
    void shouldHoldASharedRuleOnExactlyTheBarsItsOwnRuleHoldsOn() {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M1, IndicatorCache.defaultBound());
        int first = 100;
        SharedIndicators shared = cache.from(first);
        BarSeries series = CandleBars.series("own", Integer.MAX_VALUE);
        java.util.function.Function<BarSeries, Indicator<Num>> rsi = s -> shared.get(s, "rsi(close,14)",
                on -> new RSIIndicator(new ClosePriceIndicator(on), 14));
        org.ta4j.core.Rule down = shared.rule(series, "crossed-down(rsi(close,14),30)",
                s -> new org.ta4j.core.rules.CrossedDownIndicatorRule(rsi.apply(s), 30));
        org.ta4j.core.Rule up = shared.rule(series, "crossed-up(rsi(close,14),70)",
                s -> new org.ta4j.core.rules.CrossedUpIndicatorRule(rsi.apply(s), 70));
        BarSeries plain = CandleBars.series("plain", Integer.MAX_VALUE);
        RSIIndicator own = new RSIIndicator(new ClosePriceIndicator(plain), 14);
        var ownDown = new org.ta4j.core.rules.CrossedDownIndicatorRule(own, 30);
        var ownUp = new org.ta4j.core.rules.CrossedUpIndicatorRule(own, 70);
        for (int i = first; i < CANDLES.size(); i++) {
            plain.addBar(CandleBars.bar(CANDLES.get(i), java.time.Duration.ofMinutes(1)));
        }
        int crossings = 0;
        for (int i = 0; i <= plain.getEndIndex(); i++) {
            assertThat(down.isSatisfied(i, null)).as("crossed down at bar %d", i).isEqualTo(ownDown.isSatisfied(i));
            assertThat(up.isSatisfied(i, null)).as("crossed up at bar %d", i).isEqualTo(ownUp.isSatisfied(i));
            crossings += ownDown.isSatisfied(i) ? 1 : 0;
        }
        assertThat(crossings).as("the RSI crosses down through 30").isGreaterThan(20);
        assertThat(down.toString()).isEqualTo("crossed-down(rsi(close,14),30)");
    }

    @Test
    void shouldKeepTa4jsNaNApartFromANumberThatIsNotOne() {
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M1, IndicatorCache.defaultBound());
        BarSeries series = CandleBars.series("own", 100);
        // NaN on every third bar, a ScaleFreeNum holding a NaN double on the next, the bar's index otherwise
        Indicator<Num> shared = cache.from(0).get(series, "odd", s -> new org.ta4j.core.indicators.CachedIndicator<>(s) {
            @Override
            protected Num calculate(int index) {
                return index % 3 == 0 ? org.ta4j.core.num.NaN.NaN
                        : index % 3 == 1 ? ScaleFreeNum.of(Double.NaN) : ScaleFreeNum.of(index);
            }

            @Override
            public int getCountOfUnstableBars() {
                return 0;
            }
        });
        for (int i = 0; i < CANDLES.size(); i++) {
            Num value = shared.getValue(i);
            switch (i % 3) {
                case 0 -> assertThat(value).as("bar %d", i).isSameAs(org.ta4j.core.num.NaN.NaN);
                case 1 -> assertThat(value).as("bar %d", i).isInstanceOf(ScaleFreeNum.class)
                        .matches(v -> Double.isNaN(v.doubleValue()));
                default -> assertThat(value).as("bar %d", i).isEqualTo(ScaleFreeNum.of(i));
            }
        }
    }

    @Test
    void shouldComputeAKeyOnceAndAgainOnlyAfterTheBoundDroppedIt() {
        AtomicInteger built = new AtomicInteger();
        // room for the values of one key over the whole series, not two
        IndicatorCache cache = new IndicatorCache(CANDLES, Timeframe.M1, CANDLES.size() + 10);
        BarSeries series = CandleBars.series("own", 100);
        java.util.function.Function<BarSeries, Indicator<Num>> rsi = s -> {
            built.incrementAndGet();
            return new RSIIndicator(new ClosePriceIndicator(s), 14);
        };
        cache.from(0).get(series, "rsi(close,14)", rsi);
        cache.from(0).get(series, "rsi(close,14)", rsi);
        assertThat(built).as("each strategy builds its own (cheap: nothing computed); the cache one more")
                .hasValue(2 + 1);
        cache.from(0).get(series, "rsi(close,20)", rsi);
        assertThat(cache.held()).isEqualTo(CANDLES.size());
        built.set(0);
        cache.from(0).get(series, "rsi(close,14)", rsi);
        assertThat(built).as("dropped for rsi(close,20): computed again").hasValue(2);
    }

    @Test
    void shouldShareNothingBeyondTheBoundAndStillGiveTheSameFills() {
        IndicatorCache none = new IndicatorCache(CANDLES, Timeframe.M1, 0);
        StrategySpec spec = StrategySpec.of("rsi", Map.of());
        assertThat(replay(spec, 0, none.from(0))).isEqualTo(replay(spec, 0, SharedIndicators.NONE)).isNotEmpty();
        assertThat(none.held()).isZero();
    }

    /** The fills of {@code spec} fed the candles from {@code first} on, the replay's way, warm-up first. */
    private static List<Fill> replay(StrategySpec spec, int first, SharedIndicators shared) {
        return SharedReplays.fills(spec, CANDLES, Timeframe.M1, FILLS, first, shared);
    }

    /** A seeded random walk of 1m candles, prices on a 0.01 tick, volume with 5 decimals. */
    private static List<StoredCandle> walk(int n) {
        Random random = new Random(17);
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
