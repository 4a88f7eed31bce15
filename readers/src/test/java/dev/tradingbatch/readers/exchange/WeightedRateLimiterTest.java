package dev.tradingbatch.readers.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedRateLimiterTest {

    private final TestClock clock = new TestClock(Instant.parse("2024-02-01T00:00:00Z"));

    private WeightedRateLimiter limiter(long limit, Duration window, long weight) {
        return new WeightedRateLimiter(new RateBudget(limit, window, weight), clock);
    }

    /** Books a request and waits as its caller would. */
    private Duration send(WeightedRateLimiter limiter) {
        Duration wait = limiter.reserve();
        clock.advance(wait);
        return wait;
    }

    @Test
    void sixthRequestOfWeightTwoInABudgetOfTenWaitsForTheWindow() {
        WeightedRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 2);

        for (int i = 0; i < 5; i++) {
            assertThat(send(limiter)).isZero();
        }
        assertThat(send(limiter)).isEqualTo(Duration.ofMinutes(1));
        // At 00:01 the first five have left the window; only the sixth counts.
        assertThat(send(limiter)).isZero();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-02-01T00:01:00Z"));
    }

    @Test
    void waitEndsWhenTheOldestWeightLeavesTheWindowNotAFullWindowLater() {
        WeightedRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 2);

        send(limiter);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            send(limiter);
        }

        assertThat(send(limiter)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void remainingIsTheLimitLessTheWeightOfTheLastWindowAndOfRequestsWaiting() {
        WeightedRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 2);
        assertThat(limiter.remaining()).isEqualTo(10);

        for (int i = 0; i < 3; i++) {
            send(limiter);
        }
        assertThat(limiter.remaining()).isEqualTo(4);
        // the exchange says this IP spent 8: someone else on it spent 2 more
        limiter.observeUsed(8);
        assertThat(limiter.remaining()).isEqualTo(2);
        // a request booked and waiting holds its weight: nothing left
        limiter.reserve();
        assertThat(limiter.remaining()).isZero();
        limiter.reserve();
        assertThat(limiter.remaining()).as("never below 0").isZero();

        clock.advance(Duration.ofMinutes(3));
        assertThat(limiter.remaining()).isEqualTo(10);
    }

    @Test
    void requestsPerSecondBudgetSpacesABurst() {
        WeightedRateLimiter kraken = limiter(1, Duration.ofSeconds(1), 1);

        assertThat(send(kraken)).isZero();
        assertThat(send(kraken)).isEqualTo(Duration.ofSeconds(1));
        assertThat(send(kraken)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void callersWaitingTogetherAreBookedOneAfterAnother() {
        WeightedRateLimiter limiter = limiter(2, Duration.ofSeconds(1), 1);

        // Five callers at the same instant, none of them has slept yet.
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void weightTheExchangeReportsBeyondOurOwnCountsAsSpentNow() {
        WeightedRateLimiter binance = limiter(6000, Duration.ofMinutes(1), 2);

        send(binance);
        // Binance says 5999 were used this minute: someone else on this IP spent 5997.
        binance.observeUsed(5999);
        clock.advance(Duration.ofSeconds(10));

        assertThat(send(binance)).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void reportedWeightThatWeAlreadyCountedChangesNothing() {
        WeightedRateLimiter binance = limiter(10, Duration.ofMinutes(1), 2);

        send(binance);
        send(binance);
        binance.observeUsed(4);
        binance.observeUsed(3);

        assertThat(send(binance)).isZero();
        assertThat(send(binance)).isZero();
        assertThat(send(binance)).isZero();
        assertThat(send(binance)).isEqualTo(Duration.ofMinutes(1));
    }
}
