package dev.tradingbatch.jobs.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayFiguresTest {

    @Test
    void shouldShowAnAnnualisedReturnOffAnyMeaningfulScaleAsSuch() {
        assertThat(ReplayFigures.annualised(289.534)).isEqualTo("289.53%");
        assertThat(ReplayFigures.annualised(-99.5)).isEqualTo("-99.50%");
        assertThat(ReplayFigures.annualised(999_999.994)).isEqualTo("999999.99%");
        assertThat(ReplayFigures.annualised(6.086262805076926e21))
                .isEqualTo("over 1000000% (a short span compounded to a year: see total return)");
        assertThat(ReplayFigures.annualised(Double.POSITIVE_INFINITY))
                .isEqualTo("over 1000000% (a short span compounded to a year: see total return)");
    }
}
