package dev.tradingbatch.strategy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

class StrategyDefinitionTest {

    /** A type as a plugin writes it: an SMA crossover that says nothing about its warm-up. */
    static final class SmaCrossover implements StrategyDefinition {

        @Override
        public String type() {
            return "sma-cross";
        }

        @Override
        public List<Param> params() {
            return List.of(Param.integer("fast", 3, 2, 50), Param.integer("slow", 7, 3, 200), Stops.STOP_LOSS,
                    Stops.TAKE_PROFIT);
        }

        @Override
        public ComposedStrategy compose(BarSeries series, ParamValues params) {
            var close = new ClosePriceIndicator(series);
            var fast = new SMAIndicator(close, params.integer("fast"));
            var slow = new SMAIndicator(close, params.integer("slow"));
            return new ComposedStrategy(new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                    Stops.orStops(new CrossedDownIndicatorRule(fast, slow), close, params)), List.of(fast, slow));
        }
    }

    @Test
    void shouldWarmUpForAsLongAsTheIndicatorsSayTheyAreUnstable() {
        var definition = new SmaCrossover();
        ParamValues params = ParamValues.of(Map.of("fast", new BigDecimal("3"), "slow", new BigDecimal("7")));
        int slowUnstable = new SMAIndicator(new ClosePriceIndicator(new BaseBarSeriesBuilder().build()), 7)
                .getCountOfUnstableBars();

        assertThat(definition.warmUpBars(params)).isEqualTo(slowUnstable).isPositive();
        assertThat(definition.ordered()).isEmpty();
        assertThat(definition.description()).isEmpty();
    }

    @Test
    void shouldExitAtTheStopLossOnlyWhenItIsSet() {
        BarSeries series = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();
        double[] closes = {100, 100, 100, 100, 100, 100, 100, 100, 97};
        for (int i = 0; i < closes.length; i++) {
            series.barBuilder().timePeriod(Duration.ofMinutes(1))
                    .endTime(Instant.ofEpochSecond(60L * (i + 1)))
                    .openPrice(closes[i]).highPrice(closes[i]).lowPrice(closes[i]).closePrice(closes[i])
                    .volume(1).add();
        }
        TradingRecord record = new BaseTradingRecord();
        record.enter(7, series.numFactory().hundred(), series.numFactory().one());
        var definition = new SmaCrossover();

        ParamValues without = ParamValues.of(Map.of("fast", BigDecimal.valueOf(3), "slow", BigDecimal.valueOf(7)));
        ParamValues with = ParamValues.of(Map.of("fast", BigDecimal.valueOf(3), "slow", BigDecimal.valueOf(7),
                "stop-loss", new BigDecimal("2")));

        assertThat(definition.compose(series, without).strategy().shouldExit(8, record)).isFalse();
        assertThat(definition.compose(series, with).strategy().shouldExit(8, record)).isTrue();
    }

    @Test
    void shouldReadValuesByKind() {
        ParamValues params = ParamValues.of(Map.of("period", new BigDecimal("14"), "oversold", new BigDecimal("25.5")));

        assertThat(params.integer("period")).isEqualTo(14);
        assertThat(params.decimal("oversold")).isEqualByComparingTo("25.5");
        assertThat(params.optional("stop-loss")).isEmpty();
        assertThat(params.asMap().keySet()).containsExactly("oversold", "period");
        assertThat(params).isEqualTo(ParamValues.of(Map.of("oversold", new BigDecimal("25.5"),
                "period", new BigDecimal("14"))));
    }
}
