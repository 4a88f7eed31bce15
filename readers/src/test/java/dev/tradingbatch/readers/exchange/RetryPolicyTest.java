package dev.tradingbatch.readers.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backoffDoublesFromInitialUpToTheCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(policy::backoff).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    /** Each value is named by its configuration key, so that the configuration can say where it is set. */
    @Test
    void nonsenseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO))
                .hasMessage("max-attempts must be at least 1, was 0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO))
                .hasMessage("max-backoff PT5S is shorter than initial-backoff PT10S");
        assertThatThrownBy(() -> new RateBudget(10, Duration.ofMinutes(1), 11))
                .hasMessage("request-weight must be between 1 and the limit 10, was 11");
        assertThatThrownBy(() -> new HttpTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("connect-timeout must be between 1 ms and ~24 days, was PT0S");
        assertThatThrownBy(() -> Exchanges.BINANCE.defaults().withBaseUrl("api.binance.com"))
                .hasMessage("base-url must be an http or https URL, was 'api.binance.com'");
    }
}
