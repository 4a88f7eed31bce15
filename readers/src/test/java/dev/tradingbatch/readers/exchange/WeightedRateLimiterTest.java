package dev.tradingbatch.readers.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedRateLimiterTest {

    private final TestClock clock = new TestClock(Instant.parse("2024-02-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private WeightedRateLimiter limiter(long limit, Duration window, long weight) {
        return new WeightedRateLimiter(new RateBudget(limit, window, weight), clock, sleeper);
    }

    @Test
    void sixthRequestOfWeightTwoInABudgetOfTenWaitsForTheWindow() throws InterruptedException {
        WeightedRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 2);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMinutes(1));
        // At 00:01 the first five have left the window; only the sixth counts.
        assertThat(limiter.acquire()).isZero();

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMinutes(1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-02-01T00:01:00Z"));
    }

    @Test
    void waitEndsWhenTheOldestWeightLeavesTheWindowNotAFullWindowLater() throws InterruptedException {
        WeightedRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 2);

        limiter.acquire();
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void requestsPerSecondBudgetSpacesABurst() throws InterruptedException {
        WeightedRateLimiter kraken = limiter(1, Duration.ofSeconds(1), 1);

        for (int i = 0; i < 3; i++) {
            kraken.acquire();
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void callersWaitingTogetherAreBookedOneAfterAnother() {
        WeightedRateLimiter limiter = limiter(2, Duration.ofSeconds(1), 1);

        // Four callers at the same instant, none of them has slept yet.
        assertThat(limiter.reserve(1)).isZero();
        assertThat(limiter.reserve(1)).isZero();
        assertThat(limiter.reserve(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve(1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void weightTheExchangeReportsBeyondOurOwnCountsAsSpentNow() throws InterruptedException {
        WeightedRateLimiter binance = limiter(6000, Duration.ofMinutes(1), 2);

        binance.acquire();
        // Binance says 5999 were used this minute: someone else on this IP spent 5997.
        binance.observeUsed(5999);
        clock.advance(Duration.ofSeconds(10));

        assertThat(binance.acquire()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void reportedWeightThatWeAlreadyCountedChangesNothing() throws InterruptedException {
        WeightedRateLimiter binance = limiter(10, Duration.ofMinutes(1), 2);

        binance.acquire();
        binance.acquire();
        binance.observeUsed(4);
        binance.observeUsed(3);

        assertThat(binance.acquire()).isZero();
        assertThat(binance.acquire()).isZero();
        assertThat(binance.acquire()).isZero();
        assertThat(binance.acquire()).isEqualTo(Duration.ofMinutes(1));
    }
}
