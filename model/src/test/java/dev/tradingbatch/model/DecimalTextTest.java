package dev.tradingbatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"42000.01000000", "0.00100000", "7", "-0.5", "+12.50", "00042.10", "1.", ".5", "-0.00",
            "0", "999999999999999999", "1234567890123456789", "12345678901234567.89", "4.2E+4", "1e-3",
            "-123456789012345678901234567890.123"})
    void shouldReadExactlyWhatTheGeneralParserReads(String text) {
        BigDecimal expected = new BigDecimal(text);

        BigDecimal read = DecimalText.parse(text);

        assertThat(read.unscaledValue()).isEqualTo(expected.unscaledValue());
        assertThat(read.scale()).isEqualTo(expected.scale());
        assertThat(DecimalText.plain(text)).isEqualTo(expected.toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "abc", "NaN", "1.2.3", "1,5", " 1", "--1", "1-"})
    void shouldRefuseWhatIsNotANumber(String text) {
        assertThatThrownBy(() -> DecimalText.parse(text)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DecimalText.plain(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void shouldAgreeWithTheGeneralParserOnRandomPrices() {
        Random random = new Random(20240101);
        for (int i = 0; i < 100_000; i++) {
            BigDecimal value = BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(-3, 20));
            for (String text : new String[] {value.toPlainString(), value.toString()}) {
                BigDecimal read = DecimalText.parse(text);
                BigDecimal expected = new BigDecimal(text);
                assertThat(read.unscaledValue()).as(text).isEqualTo(expected.unscaledValue());
                assertThat(read.scale()).as(text).isEqualTo(expected.scale());
                assertThat(DecimalText.plain(text)).as(text).isEqualTo(expected.toPlainString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400000000", "1E-400000000", "-7e65", "0.5e-64"})
    void shouldRefuseAnExponentBeyondSixtyFourWithoutWritingTheNumberOut(String text) {
        assertThatThrownBy(() -> DecimalText.parse(text))
                .isInstanceOf(DecimalText.OutOfRangeException.class)
                .hasMessage("'" + text + "' is out of range (beyond 10^64 or 10^-64)");
        // left as sent, for the validation to refuse
        assertThat(DecimalText.plain(text)).isEqualTo(text);
    }

    @Test
    void shouldReadTheLargestExponentsAllowed() {
        assertThat(DecimalText.parse("1e64")).isEqualByComparingTo(BigDecimal.TEN.pow(64));
        assertThat(DecimalText.plain("1e-64")).isEqualTo("0." + "0".repeat(63) + "1");
    }

    @Test
    void shouldRefuseATextLongerThanSixtyFourCharactersByItsLength() {
        String digits = "9".repeat(10_000_000);

        assertThatThrownBy(() -> DecimalText.parse(digits))
                .isInstanceOf(DecimalText.OutOfRangeException.class)
                .hasMessage("'99999999999999999999...' (10000000 characters) is too long for a number");
        assertThat(DecimalText.parse("0." + "1".repeat(62))).isEqualTo(new BigDecimal("0." + "1".repeat(62)));
    }

    @Test
    void shouldWriteAnAbsurdJsonNumberInItsShortForm() {
        assertThat(DecimalText.plain(new BigDecimal("1e400000000"))).isEqualTo("1E+400000000");
        assertThat(DecimalText.plain(new BigDecimal("4.2E+4"))).isEqualTo("42000");
        assertThat(DecimalText.plain(new BigDecimal("0.00000001"))).isEqualTo("0.00000001");
    }
}
