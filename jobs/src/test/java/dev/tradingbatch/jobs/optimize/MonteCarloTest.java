package dev.tradingbatch.jobs.optimize;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MonteCarloTest {

    private static List<BigDecimal> percents(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void shouldGiveEveryDrawTheSameFiguresWhenEveryTradeIsTheSame() {
        MonteCarlo.Summary mc = MonteCarlo.of(percents("10", "10", "10"), 200, 1);

        assertThat(mc.trades()).isEqualTo(3);
        assertThat(mc.returnPercent()).containsExactly(new double[] {33.1, 33.1, 33.1}, within(1e-9));
        assertThat(mc.drawdownPercent()).containsExactly(0, 0, 0);
    }

    @Test
    void shouldFindThePercentilesOfTheFourOrdersOfTwoTrades() {
        // two draws of +10% or -50%: +21% (a quarter), -45% either way round (a half), -75% (a quarter)
        MonteCarlo.Summary mc = MonteCarlo.of(percents("10", "-50"), 10_000, 7);

        assertThat(mc.returnPercent()).containsExactly(new double[] {-75, -45, 21}, within(1e-9));
        assertThat(mc.drawdownPercent()).containsExactly(new double[] {0, 50, 75}, within(1e-9));
    }

    @Test
    void shouldRepeatWithTheSameSeedOnly() {
        List<BigDecimal> trades = percents("3.2", "-1.5", "0.7", "-4.1", "2.9", "1.1", "-0.3");

        MonteCarlo.Summary a = MonteCarlo.of(trades, 1000, 42);
        MonteCarlo.Summary b = MonteCarlo.of(trades, 1000, 42);
        MonteCarlo.Summary c = MonteCarlo.of(trades, 1000, 43);

        assertThat(a.returnPercent()).isEqualTo(b.returnPercent());
        assertThat(a.drawdownPercent()).isEqualTo(b.drawdownPercent());
        assertThat(c.returnPercent()).isNotEqualTo(a.returnPercent());
    }

    @Test
    void shouldTakeTheNearestRank() {
        double[] oneToTwenty = IntStream.rangeClosed(1, 20).mapToDouble(i -> 21 - i).toArray();

        assertThat(MonteCarlo.percentiles(oneToTwenty)).containsExactly(1, 10, 19);
    }

    @Test
    void shouldGiveZeroWithoutATradeAndRefuseARunCountOutOfBounds() {
        MonteCarlo.Summary none = MonteCarlo.of(List.of(), 10, 1);

        assertThat(none.returnPercent()).containsExactly(0, 0, 0);
        assertThat(none.drawdownPercent()).containsExactly(0, 0, 0);
        assertThatThrownBy(() -> MonteCarlo.of(List.of(), 0, 1)).hasMessage("runs must be in [1, 100000], got 0");
    }
}
