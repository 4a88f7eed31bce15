package dev.tradingbatch.writers.candles;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CandleValidatorTest {

    private final CandleValidator validator = new CandleValidator(Timeframe.H1);

    @Test
    void shouldAcceptACandleAndKeepItsDecimals() {
        var outcome = validator.validate(new RawCandle("2024-01-01T01:00:00Z", "42000.01000000",
                "42100.00000000", "41900.5", "42000.01", "0.00100000"));

        assertThat(outcome.reason()).isNull();
        assertThat(outcome.candle().openTime()).isEqualTo(1_704_070_800_000L);
        assertThat(outcome.candle().open().toPlainString()).isEqualTo("42000.01000000");
        assertThat(outcome.candle().volume().toPlainString()).isEqualTo("0.00100000");
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
    })
    void shouldRefuseWithTheReason(String t, String o, String h, String l, String c, String v, String reason) {
        var outcome = validator.validate(new RawCandle(t, o, h, l, c, v));

        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.reason()).isEqualTo(reason);
    }
}
