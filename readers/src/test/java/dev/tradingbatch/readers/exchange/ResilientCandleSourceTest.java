package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry rules on a scripted source, without HTTP. */
class ResilientCandleSourceTest {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = FROM + Timeframe.D1.millis();
    private static final String RANGE = "test GET candles BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): ";

    private final TestClock clock = new TestClock(Instant.parse("2024-02-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    /** Throws the scripted failures in order, then answers an empty page. */
    private static final class Scripted implements CandleSource {

        final Deque<RuntimeException> failures;
        int calls;

        Scripted(RuntimeException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public String exchange() {
            return "test";
        }

        @Override
        public Set<Timeframe> timeframes() {
            return Set.of(Timeframe.H1);
        }

        @Override
        public void checkSymbol(String symbol, Timeframe timeframe) {
            fetch(symbol, timeframe, FROM, TO);
        }

        @Override
        public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return new CandlePage(List.of(), to);
        }
    }

    private static ExchangeException failure(String detail, ExchangeFailure kind) {
        return new ExchangeException(RANGE + detail, null, kind);
    }

    private ResilientCandleSource resilient(CandleSource source, RetryPolicy policy, Sleeper sleeper) {
        return new ResilientCandleSource(source, policy,
                new WeightedRateLimiter(new RateBudget(1000, Duration.ofSeconds(1), 1), clock), sleeper, RetryListener.NONE);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void permanentFailureAfterRetriesSaysHowManyAttemptsWereMade() {
        Scripted source = new Scripted(failure("HTTP 502 Bad Gateway", ExchangeFailure.temporary()),
                failure("HTTP 400 Bad Request", ExchangeFailure.permanent()));

        assertThatThrownBy(() -> resilient(source, RetryPolicy.DEFAULT, sleeper).fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage(RANGE + "HTTP 400 Bad Request (after 2 attempts)");
        assertThat(source.calls).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void oneAttemptPolicyStillSaysSo() {
        Scripted source = new Scripted(failure("HTTP 503 Service Unavailable", ExchangeFailure.temporary()));

        assertThatThrownBy(() -> resilient(source, RetryPolicy.NONE, sleeper).fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .hasMessage(RANGE + "HTTP 503 Service Unavailable (after 1 attempt)");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void backoffStopsGrowingAtItsCap() {
        ExchangeException timeout = failure("Read timed out", ExchangeFailure.temporary());
        Scripted source = new Scripted(timeout, timeout, timeout, timeout, timeout);
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(1));

        resilient(source, policy, sleeper).fetch("BTC/USD", Timeframe.H1, FROM, TO);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void retryAfterOfZeroSendsAgainAtOnce() {
        Scripted source = new Scripted(failure("HTTP 429 Too Many Requests", ExchangeFailure.throttled(Optional.of(Duration.ZERO))));

        resilient(source, RetryPolicy.DEFAULT, sleeper).checkSymbol("BTC/USD", Timeframe.H1);

        assertThat(source.calls).isEqualTo(2);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void shouldTellTheListenerOfEveryRequestAndEveryFailure() {
        ExchangeFailure throttled = ExchangeFailure.throttled(Optional.of(Duration.ofSeconds(2)));
        ExchangeFailure temporary = ExchangeFailure.temporary();
        Scripted source = new Scripted(failure("HTTP 429 Too Many Requests", throttled),
                failure("HTTP 503 Service Unavailable", temporary));
        List<String> told = new ArrayList<>();
        RetryListener listener = new RetryListener() {
            @Override
            public void onRetry(String exchange, int attempt, Duration delay, String reason) {
                told.add("retry " + attempt + " after " + delay);
            }

            @Override
            public void onRequest(String exchange) {
                told.add("request to " + exchange);
            }

            @Override
            public void onFailure(String exchange, ExchangeFailure failure) {
                told.add("failure " + failure);
            }
        };

        new ResilientCandleSource(source, RetryPolicy.DEFAULT, new WeightedRateLimiter(new RateBudget(1000,
                Duration.ofSeconds(1), 1), clock), sleeper, listener).fetch("BTC/USD", Timeframe.H1, FROM, TO);

        assertThat(told).containsExactly("request to test", "failure " + throttled, "retry 1 after PT2S",
                "request to test", "failure " + temporary, "retry 2 after PT2S", "request to test");
        assertThat(source.calls).isEqualTo(3);
    }

    @Test
    void interruptedWaitStopsWithTheRequestNamedAndTheInterruptKept() {
        Scripted source = new Scripted(failure("HTTP 503 Service Unavailable", ExchangeFailure.temporary()));
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };

        assertThatThrownBy(() -> resilient(source, RetryPolicy.DEFAULT, interrupted).fetch("BTC/USD", Timeframe.H1, FROM, TO))
                .isInstanceOf(ExchangeException.class)
                .hasMessage("test BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z): "
                        + "interrupted while waiting to retry (after 1 attempt)");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(source.calls).isEqualTo(1);
    }

    @Test
    void otherExceptionsPassUntouched() {
        IllegalArgumentException bad = new IllegalArgumentException("symbol 'BTCUSD' is not BASE/QUOTE, e.g. BTC/USDT");
        Scripted source = new Scripted(bad);

        assertThatThrownBy(() -> resilient(source, RetryPolicy.DEFAULT, sleeper).fetch("BTCUSD", Timeframe.H1, FROM, TO))
                .isSameAs(bad);
        assertThat(source.calls).isEqualTo(1);
    }
}
