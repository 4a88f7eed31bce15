package dev.tradingbatch.jobs.replay.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text as the report page and the dashboard write it: escaped for HTML or for JSON inside a script element, formatted. */
public final class PageText {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private PageText() {
    }

    /** Text safe as an element's content or a quoted attribute value. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A quoted JSON string that is also safe inside a {@code <script>} element: {@code <}, {@code >} and
     * {@code &} are written as unicode escapes, so no {@code </script>} or {@code <!--} can appear, and the line
     * separators U+2028 and U+2029 are escaped as older JavaScript parsers require.
     */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** An exact decimal as a JSON number (never in exponent notation). */
    static String number(BigDecimal value) {
        return amount(value);
    }

    /** An exact amount written plainly without trailing zeros, as the rest of the application prints them. */
    public static String amount(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** A percent rounded HALF_EVEN to 2 decimals, with its sign and a % sign: {@code +4.97%}, {@code -0.70%}. */
    public static String percent(BigDecimal value) {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_EVEN);
        return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString() + "%";
    }

    /** An epoch-ms time as {@code 2013-11-25 14:05}, UTC. */
    public static String time(long epochMillis) {
        return MINUTES.format(Instant.ofEpochMilli(epochMillis));
    }
}
