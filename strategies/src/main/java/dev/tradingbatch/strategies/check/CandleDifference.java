package dev.tradingbatch.strategies.check;

import dev.tradingbatch.model.Fill;
import java.util.List;
import java.util.Optional;

/**
 * One candle on which two evaluations of a strategy disagree: what each filled there, and the indicator values that
 * differ (none when only the signal does).
 *
 * @param openTime the candle's open time, UTC epoch ms
 * @param expected the fill of the reference evaluation (the replay, or the longer warm-up), if any
 * @param actual   the fill of the other one, if any
 */
public record CandleDifference(long openTime, Optional<Fill> expected, Optional<Fill> actual,
                               List<ValueDifference> values) {

    public CandleDifference {
        values = List.copyOf(values);
    }

    /** An indicator whose value on the candle differs: as the reference read it, and as the other one did. */
    public record ValueDifference(String indicator, String expected, String actual) {
    }

    /** Whether the fills differ, not only indicator values. */
    public boolean signal() {
        return !expected.equals(actual);
    }
}
