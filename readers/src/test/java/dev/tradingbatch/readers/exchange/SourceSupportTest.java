package dev.tradingbatch.readers.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSupportTest {

    private static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(SourceSupport.retryAfter("7", NOW)).hasValue(Duration.ofSeconds(7));
        assertThat(SourceSupport.retryAfter(" 120 ", NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(SourceSupport.retryAfter("Fri, 01 Mar 2024 00:01:30 GMT", NOW)).hasValue(Duration.ofSeconds(90));
        // A date already past means "now", never a negative wait.
        assertThat(SourceSupport.retryAfter("Thu, 29 Feb 2024 23:00:00 GMT", NOW)).hasValue(Duration.ZERO);
        assertThat(SourceSupport.retryAfter("-1", NOW)).isEmpty();
        assertThat(SourceSupport.retryAfter("soon", NOW)).isEmpty();
        assertThat(SourceSupport.retryAfter(null, NOW)).isEmpty();
    }

    @Test
    void statusLineUsesTheStandardReasonPhraseWhereThereIsOne() {
        assertThat(SourceSupport.statusLine(503)).isEqualTo("HTTP 503 Service Unavailable");
        assertThat(SourceSupport.statusLine(429)).isEqualTo("HTTP 429 Too Many Requests");
        assertThat(SourceSupport.statusLine(599)).isEqualTo("HTTP 599");
    }
}
