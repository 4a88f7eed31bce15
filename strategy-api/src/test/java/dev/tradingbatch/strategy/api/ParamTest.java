package dev.tradingbatch.strategy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ParamTest {

    @Test
    void shouldSayWhatEachKindAccepts() {
        assertThat(Param.integer("period", 14, 2, 500).describe()).isEqualTo("an integer in [2, 500]");
        assertThat(Param.between("oversold", "30", 0, 100).describe()).isEqualTo("a number in (0, 100)");
        assertThat(Param.within("adx-threshold", "25", 0, 100).describe()).isEqualTo("a number in [0, 100]");
        assertThat(Param.positive("take-profit", null).describe()).isEqualTo("a number > 0");
    }

    @Test
    void shouldAcceptValuesWithinItsBoundsOnly() {
        Param period = Param.integer("period", 14, 2, 500);
        assertThat(period.accepts(new BigDecimal("2"))).isTrue();
        assertThat(period.accepts(new BigDecimal("500"))).isTrue();
        assertThat(period.accepts(new BigDecimal("501"))).isFalse();
        assertThat(period.accepts(new BigDecimal("14.5"))).isFalse();
        assertThat(period.accepts(new BigDecimal("14.0"))).isTrue();

        Param oversold = Param.between("oversold", "30", 0, 100);
        assertThat(oversold.accepts(BigDecimal.ZERO)).isFalse();
        assertThat(oversold.accepts(new BigDecimal("0.001"))).isTrue();
        assertThat(oversold.accepts(new BigDecimal("100"))).isFalse();

        assertThat(Param.positive("take-profit", null).accepts(new BigDecimal("1E+9"))).isTrue();
    }

    @Test
    void shouldBeOptionalWithoutADefault() {
        assertThat(Stops.STOP_LOSS.optional()).isTrue();
        assertThat(Stops.STOP_LOSS.withDefault("0.5").optional()).isFalse();
        assertThat(Stops.STOP_LOSS.withDefault("0.5").defaultText()).isEqualTo("0.5");
    }

    @Test
    void shouldRefuseAKeyUsersCouldNotWrite() {
        assertThatThrownBy(() -> Param.integer("Period", 14, 2, 500))
                .hasMessage("param key 'Period' must be 1 to 40 lower case letters, digits or -, starting with a letter");
        assertThatThrownBy(() -> Param.integer("fast period", 14, 2, 500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Param.integer("period", 14, 500, 2))
                .hasMessage("param 'period': max 2 is below min 500");
    }
}
