package dev.tradingbatch.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    @Test
    void shouldNameLiveTradingAndEachReplayApart() {
        assertThat(RunIds.LIVE).isEqualTo("live");
        assertThat(RunIds.replay(7)).isEqualTo("replay-7");
    }

    @Test
    void shouldNameASweepByItsJobInstance() {
        assertThat(RunIds.sweep(2)).isEqualTo("sweep-2");
    }
}
