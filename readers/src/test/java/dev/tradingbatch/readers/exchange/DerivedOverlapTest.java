package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.RawCandle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedOverlapTest {

    /** 2023-01-01T00:00:00Z and the two hours after it. */
    private static final String H0 = "1672531200000";
    private static final String H1 = "1672534800000";
    private static final String H2 = "1672538400000";

    @Test
    void shouldReportEveryIntervalWhereDerivedAndPublishedDifferButNotTheSameValuesWrittenOtherwise() {
        List<RawCandle> derived = List.of(new RawCandle(H0, "10.0", "12", "9", "11", "1.50"),
                new RawCandle(H1, "11", "13", "10", "12", "2"));
        List<RawCandle> published = List.of(new RawCandle(H0, "10", "12.0", "9.00", "11", "1.5"),
                new RawCandle(H1, "11", "13.5", "10", "12", "2"), new RawCandle(H2, "12", "12", "12", "12", "0"));

        assertThat(DerivedOverlap.differences(derived, published)).containsExactly(
                "2023-01-01T01:00:00Z: from trades o 11 h 13 l 10 c 12 v 2; published o 11 h 13.5 l 10 c 12 v 2");
    }

    @Test
    void shouldReportACandleOnOneSideOnlyUnlessThePublishedOneHadNoVolume() {
        List<RawCandle> derived = List.of(new RawCandle(H0, "10", "10", "10", "10", "1"));
        List<RawCandle> published = List.of(new RawCandle(H1, "11", "11", "11", "11", "0.1"),
                new RawCandle(H2, "12", "12", "12", "12", "0.000"));

        assertThat(DerivedOverlap.differences(derived, published)).containsExactly(
                "2023-01-01T00:00:00Z: from trades o 10 h 10 l 10 c 10 v 1; none published",
                "2023-01-01T01:00:00Z: no trades; published o 11 h 11 l 11 c 11 v 0.1");
    }
}
