package dev.tradingbatch.writers.candles;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CandleValidatorTest {

    /** Noon on 2024-01-02 (UTC): the candle of 11:00 has closed, the one of 12:00 has not. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2024-01-02T12:00:00Z"), ZoneOffset.UTC);

    private final CandleValidator validator = new CandleValidator(Timeframe.H1, NOW);

    @Test
    void shouldAcceptACandleAndKeepItsDecimals() {
        var outcome = validator.validate(new RawCandle("2024-01-01T01:00:00Z", "42000.01000000",
                "42100.00000000", "41900.5", "42000.01", "0.00100000"));

        assertThat(outcome.reason()).isNull();
        assertThat(outcome.candle().openTime()).isEqualTo(1_704_070_800_000L);
        assertThat(outcome.candle().open().toPlainString()).isEqualTo("42000.01000000");
        assertThat(outcome.candle().volume().toPlainString()).isEqualTo("0.00100000");
    }

    @Test
    void shouldAcceptTheNewestClosedCandle() {
        assertThat(validator.validate(new RawCandle("2024-01-02T11:00:00Z", "5", "6", "4", "5", "1")).reason()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1704067200000|2|1|3|2|1|high 1 < low 3",
            "1704067200000|5|6|4|5|-1|negative volume -1",
            "1704067200000|7|6|4|5|1|open 7 outside [low, high]",
            "1704067200000|5|6|4|3|1|close 3 outside [low, high]",
            "1704067200000|abc|6|4|5|1|open is not a number: 'abc'",
            "1704067200000|5|NaN|4|5|1|high is not a number: 'NaN'",
            "1704067260000|5|6|4|5|1|open time 2024-01-01T00:01:00Z is not on the 1h grid",
            "yesterday|5|6|4|5|1|open time 'yesterday' is not a date, an ISO-8601 date-time or epoch ms",
            "1704067200000|0|0|0|0|1|low 0 is not positive",
            "1704067200000|1e400000000|6|4|5|1|open '1e400000000' is out of range (beyond 10^64 or 10^-64)",
            "1704067200000|5|6|4|5|1E-400000000|volume '1E-400000000' is out of range (beyond 10^64 or 10^-64)",
            "1704067200000|5|6|12345678901234567890123456789012345678901234567890123456789012345|5|1|"
                    + "low '12345678901234567890...' (65 characters) is too long for a number",
            "2024-01-02T12:00:00Z|5|6|4|5|1|the candle of 2024-01-02T12:00:00Z has not closed yet (now 2024-01-02T12:00:00Z)",
            "2024-01-03T00:00:00Z|5|6|4|5|1|the candle of 2024-01-03T00:00:00Z has not closed yet (now 2024-01-02T12:00:00Z)",
            "+999999999-12-31T00:00:00Z|5|6|4|5|1|open time '+999999999-12-31T00:00:00Z' is out of range (1970-01-01 to 9999-12-31)",
            "10064366524800000|5|6|4|5|1|open time '10064366524800000' is out of range (1970-01-01 to 9999-12-31)",
    })
    void shouldRefuseWithTheReason(String t, String o, String h, String l, String c, String v, String reason) {
        var outcome = validator.validate(new RawCandle(t, o, h, l, c, v));

        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.reason()).isEqualTo(reason);
    }
}
