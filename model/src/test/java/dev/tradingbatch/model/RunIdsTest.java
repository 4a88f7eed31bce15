package dev.tradingbatch.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    @Test
    void shouldNameLiveTradingAndEachReplayApart() {
        assertThat(RunIds.LIVE).isEqualTo("live");
        assertThat(RunIds.replay(7)).isEqualTo("replay-7");
    }
}
