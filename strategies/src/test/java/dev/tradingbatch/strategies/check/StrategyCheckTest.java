package dev.tradingbatch.strategies.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.StrategyTypes;
import dev.tradingbatch.strategies.TestCandles;
import dev.tradingbatch.strategies.json.Ta4jDefinition;
import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

class StrategyCheckTest {

    private static final List<StoredCandle> CANDLES = TestCandles.sample("bitstamp-BTC-USD-5m.csv").stream()
            .map(TestCandles::stored).toList();
    private static final FillModel MODEL = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("5"), null);

    /** The next candle's close, where there is one: a strategy that knows the future. */
    static final class NextClose extends CachedIndicator<Num> {
        private final ClosePriceIndicator close;

        NextClose(BarSeries series) {
            super(series);
            this.close = new ClosePriceIndicator(series);
        }

        @Override
        protected Num calculate(int index) {
            return close.getValue(Math.min(index + 1, getBarSeries().getEndIndex()));
        }

        @Override
        public int getCountOfUnstableBars() {
            return 0;
        }
    }

    /** Buys when the next close is higher, sells when it is lower. */
    static final class Peeking implements StrategyDefinition {
        @Override
        public String type() {
            return "peeking";
        }

        @Override
        public List<Param> params() {
            return List.of();
        }

        @Override
        public int warmUpBars(ParamValues params) {
            return 1;
        }

        @Override
        public ComposedStrategy compose(BarSeries series, ParamValues params) {
            var next = new NextClose(series);
            var close = new ClosePriceIndicator(series);
            return new ComposedStrategy(new BaseStrategy(new OverIndicatorRule(next, close),
                    new UnderIndicatorRule(next, close)), List.of(next));
        }
    }

    /**
     * With their default parameters; trend with short ones, since its default warm-up twice (2410 candles) is longer
     * than the sample.
     */
    static Stream<StrategySpec> builtIns() {
        return StrategyTypes.builtIn().all().stream().map(t -> t != StrategyType.TREND ? StrategySpec.defaults(t)
                : StrategySpec.of(t, Map.of("fast", "10", "slow", "30", "adx-period", "10")));
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void shouldFindTheBuiltInTypesClean(StrategySpec spec) {
        StrategyCheck.Report report = check(spec, 2 * spec.warmUpBars());

        assertThat(report.fills()).as("fills of %s", spec).hasSizeGreaterThanOrEqualTo(4);
        assertThat(report.lookAhead()).isEmpty();
        assertThat(report.warmUp()).isEmpty();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void shouldCatchAStrategyThatReadsTheNextCandle() {
        StrategySpec spec = StrategySpec.defaults(StrategyType.of(new Peeking(), "test"));

        StrategyCheck.Report report = check(spec, CANDLES.size() - 300);

        assertThat(report.clean()).isFalse();
        assertThat(report.lookAheadCount()).isGreaterThan(100);
        CandleDifference first = report.lookAhead().getFirst();
        assertThat(first.openTime()).isEqualTo(CANDLES.get(CANDLES.size() - 300).openTime());
        assertThat(first.values()).singleElement().satisfies(v -> {
            assertThat(v.indicator()).isEqualTo("NextClose");
            assertThat(v.expected()).isEqualTo(String.valueOf(CANDLES.get(CANDLES.size() - 299).closeValue()));
            assertThat(v.actual()).isEqualTo(String.valueOf(CANDLES.get(CANDLES.size() - 300).closeValue()));
        });
        assertThat(report.lookAhead()).hasSize(StrategyCheck.LISTED);
        assertThat(report.lookAhead()).anySatisfy(d -> assertThat(d.signal()).isTrue());
        assertThat(report.warmUpCount()).isZero();
    }

    /** An EMA(5) and EMA(50) crossover in ta4j's JSON, without unstableBars: ta4j counts 51 bars for the EMA(50). */
    static final String EMA_CROSS = emaCross();

    private static String emaCross() {
        String fast = "{\"type\":\"EMAIndicator\",\"parameters\":{\"barCount\":5},\"components\":[{\"type\":\"ClosePriceIndicator\"}]}";
        String slow = fast.replace("\"barCount\":5", "\"barCount\":50");
        return "{\"type\":\"BaseStrategy\",\"rules\":[{\"type\":\"CrossedUpIndicatorRule\",\"label\":\"entry\","
                + "\"components\":[" + fast + "," + slow + "]},{\"type\":\"CrossedDownIndicatorRule\",\"label\":\"exit\","
                + "\"components\":[" + fast + "," + slow + "]}]}";
    }

    @Test
    void shouldCatchTooShortAWarmUp() {
        // after 51 bars the EMA(50)'s first value still weighs (1 - 2/51)^51 = 13%; after slow + 5 (slow + 1), e^-10
        StrategySpec tooShort = StrategySpec.defaults(StrategyType.of(Ta4jDefinition.parse(EMA_CROSS, null), "test"));
        StrategySpec enough = StrategySpec.defaults(StrategyType.of(Ta4jDefinition.parse(EMA_CROSS, 305), "test"));

        List<StoredCandle> candles = CANDLES.subList(0, 2 * 305 + 700);
        StrategyCheck.Report shortReport = new StrategyCheck(tooShort, Timeframe.M5, MODEL).run(candles, 2 * 305);
        StrategyCheck.Report enoughReport = new StrategyCheck(enough, Timeframe.M5, MODEL).run(candles, 2 * 305);

        assertThat(tooShort.warmUpBars()).isEqualTo(51);
        assertThat(shortReport.warmUpCount()).isPositive();
        assertThat(shortReport.warmUp().getFirst().signal()).isTrue();
        assertThat(shortReport.lookAheadCount()).isZero();
        assertThat(enoughReport.clean()).isTrue();
        assertThat(enoughReport.fills()).hasSizeGreaterThanOrEqualTo(4);
    }

    private static StrategyCheck.Report check(StrategySpec spec, int first) {
        return new StrategyCheck(spec, Timeframe.M5, MODEL).run(CANDLES, first);
    }

    @Test
    void shouldTakeValuesSummedInAnotherOrderAsTheSame() {
        assertThat(StrategyCheck.same("1003.8179999999999", "1003.818")).isTrue();
        assertThat(StrategyCheck.same("NaN", "NaN")).isTrue();
        assertThat(StrategyCheck.same("1122.0", "1119.79")).isFalse();
        assertThat(StrategyCheck.same("1003.818", "1003.8180011")).isFalse();
        assertThat(StrategyCheck.same("true", "false")).isFalse();
        assertThat(StrategyCheck.same("1.5", null)).isFalse();
    }
}
