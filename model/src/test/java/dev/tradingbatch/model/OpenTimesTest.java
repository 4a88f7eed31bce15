package dev.tradingbatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenTimesTest {

    @ParameterizedTest
    @CsvSource({
            "1704067200000, 1704067200000",
            "2024-01-01T00:00:00Z, 1704067200000",
            "2024-01-01T01:00:00+01:00, 1704067200000",
            "2024-01-01T00:00:00, 1704067200000",
            "2024-01-01, 1704067200000",
            "1970-01-01, 0",
            "9999-12-31T23:59:59.999Z, 253402300799999",
    })
    void shouldReadEveryWayATimeIsWritten(String text, long epochMillis) {
        assertThat(OpenTimes.parse(text)).isEqualTo(epochMillis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T00:00:00Z", "-999999999-01-01", "+10000-01-01", "1969-12-31",
            "10064366524800000", "+318857-01-01T00:00:00Z"})
    void shouldRefuseATimeOutsideTheYearsACandleCanHave(String text) {
        assertThatThrownBy(() -> OpenTimes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is out of range (1970-01-01 to 9999-12-31)");
    }

    @Test
    void shouldNameALongTextByItsBeginningOnly() {
        assertThatThrownBy(() -> OpenTimes.parse("2".repeat(5_000_000)))
                .hasMessage("'22222222222222222222...' (5000000 characters) is not a date, an ISO-8601 date-time or "
                        + "epoch ms");
        assertThatThrownBy(() -> OpenTimes.parse("yesterday"))
                .hasMessage("'yesterday' is not a date, an ISO-8601 date-time or epoch ms");
    }
}
