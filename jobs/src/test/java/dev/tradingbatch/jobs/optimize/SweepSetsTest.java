package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.optimize.SweepSets.Search;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sets a sweep computes, in their fixed order, and how they rank: without a database. */
class SweepSetsTest {

    static final DeclaredStrategy RSI = new DeclaredStrategy("rsi-x", new MarketKey("bitstamp", "BTC/USD", Timeframe.M5),
            StrategySpec.of(StrategyType.RSI, Map.of("overbought", "65")), new BigDecimal("1000"),
            new BigDecimal("0.001"), BigDecimal.ZERO);

    @Test
    void shouldListTheGridWithTheLastSpecVaryingFastestOverTheDeclaredParams() {
        List<ParamSpec> specs = SweepSets.specs(List.of("period=10..14:2", "oversold=25,30.0"), StrategyType.RSI);

        SweepSets sets = SweepSets.of(RSI, specs, Search.GRID, 0, 0);

        assertThat(SweepSets.text(specs)).isEqualTo("oversold=25,30 period=10..14:2");
        assertThat(sets.space()).isEqualTo(6);
        assertThat(sets.sets()).extracting(s -> s.params().toString()).containsExactly(
                "{overbought=65, oversold=25, period=10}", "{overbought=65, oversold=25, period=12}",
                "{overbought=65, oversold=25, period=14}", "{overbought=65, oversold=30, period=10}",
                "{overbought=65, oversold=30, period=12}", "{overbought=65, oversold=30, period=14}");
    }

    @Test
    void shouldDrawDistinctSetsTheSameWayForTheSameSeed() {
        List<ParamSpec> specs = SweepSets.specs(List.of("period=2..500:1", "oversold=1..64:1"), StrategyType.RSI);

        SweepSets drawn = SweepSets.of(RSI, specs, Search.RANDOM, 50, 7);
        SweepSets again = SweepSets.of(RSI, specs, Search.RANDOM, 50, 7);
        SweepSets otherSeed = SweepSets.of(RSI, specs, Search.RANDOM, 50, 8);

        assertThat(drawn.space()).isEqualTo(499L * 64);
        assertThat(drawn.sets()).hasSize(50).isEqualTo(again.sets()).isNotEqualTo(otherSeed.sets());
        assertThat(new HashSet<>(drawn.sets())).hasSize(50);
        assertThat(SweepSets.of(RSI, SweepSets.specs(List.of("period=10,12"), StrategyType.RSI), Search.RANDOM, 50, 7)
                .sets()).as("more samples than sets: every set").hasSize(2);
    }

    @Test
    void shouldRefuseSpecsTooLongForTheSweepsRecord() {
        String longList = "oversold=" + String.join(",", java.util.stream.IntStream.range(0, 700)
                .mapToObj(i -> "1." + i).toList());

        assertThatThrownBy(() -> SweepSets.specs(List.of(longList), StrategyType.RSI))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--param: the specs take ").hasMessageContaining("more than the 2000");
    }

    @Test
    void shouldRankHigherFirstUndefinedLastTiesByIndex() {
        List<SweepResult> rows = List.of(row(0, OptionalDouble.empty()), row(1, OptionalDouble.of(0.5)),
                row(2, OptionalDouble.of(1.5)), row(3, OptionalDouble.of(0.5)));

        List<OptimizeService.Ranked> ranked = OptimizeService.rank(rows, Objective.SHARPE, 10);

        assertThat(ranked).extracting(r -> r.result().setIndex()).containsExactly(2, 1, 3, 0);
        assertThat(OptimizeService.rank(rows, Objective.SHARPE, 2)).extracting(OptimizeService.Ranked::rank)
                .containsExactly(1, 2);
    }

    private static SweepResult row(int index, OptionalDouble sharpe) {
        return new SweepResult(1, index, "rsi-x", "{}", 100, BigDecimal.ONE, 1.0, BigDecimal.ZERO, BigDecimal.ONE, 2,
                BigDecimal.TEN, OptionalDouble.empty(), sharpe, OptionalDouble.empty(), BigDecimal.TEN,
                new BigDecimal("1010"), false, 1, 0);
    }
}
