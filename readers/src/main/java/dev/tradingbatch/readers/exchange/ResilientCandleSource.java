package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Any {@link CandleSource} made to survive an exchange's faults: every request first waits for room
 * in the exchange's request budget, and a request that failed in a way its source calls
 * {@linkplain ExchangeFailure#retryable() retryable} is sent again under the {@link RetryPolicy}
 * (the exchange's Retry-After on 429/418, else doubling backoff). Permanent failures (a bad
 * request, an unknown symbol) pass at once. When attempts run out the last failure's message is
 * kept and says how many were made: {@code ...: HTTP 503 Service Unavailable (after 5 attempts)}.
 */
public final class ResilientCandleSource implements CandleSource {

    private final CandleSource source;
    private final RetryPolicy policy;
    private final WeightedRateLimiter limiter;
    private final Sleeper sleeper;
    private final RetryListener listener;
    private final AtomicLong retries = new AtomicLong();

    /** The exchange's request budget still free now ({@link WeightedRateLimiter#remaining()}), in its weight. */
    public long budgetLeft() {
        return limiter.remaining();
    }

    /** {@code limiter} should be the one instance for the exchange in this process; every wait goes through {@code sleeper}. */
    public ResilientCandleSource(CandleSource source, RetryPolicy policy, WeightedRateLimiter limiter,
                                 Sleeper sleeper, RetryListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String exchange() {
        return source.exchange();
    }

    @Override
    public Set<Timeframe> timeframes() {
        return source.timeframes();
    }

    @Override
    public void checkSymbol(String symbol, Timeframe timeframe) {
        call(symbol + " " + timeframe.code() + " (symbol check)", () -> {
            source.checkSymbol(symbol, timeframe);
            return null;
        });
    }

    @Override
    public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
        return call(symbol + " " + timeframe.code() + " " + SourceSupport.range(from, to),
                () -> source.fetch(symbol, timeframe, from, to));
    }

    @Override
    public OptionalLong earliestAvailable(Timeframe timeframe, long now) {
        return source.earliestAvailable(timeframe, now);
    }

    /** Requests sent again so far, over this source's life. */
    public long retries() {
        return retries.get();
    }

    /** {@code what} names the request (symbol, timeframe, range) for the rare failure of our own: an interrupted wait. */
    private <T> T call(String what, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            waitForBudget(what, attempt);
            listener.onRequest(exchange());
            try {
                return request.get();
            } catch (ExchangeException e) {
                listener.onFailure(exchange(), e.failure());
                Duration delay = delayAfter(e, attempt);
                retries.incrementAndGet();
                listener.onRetry(exchange(), attempt, delay, e.getMessage());
                sleep(delay, what, "to retry", attempt);
            }
        }
    }

    /** How long to wait before sending again, or the exception to throw when not sending again. */
    private Duration delayAfter(ExchangeException e, int attempt) {
        ExchangeFailure failure = e.failure();
        if (!failure.retryable()) {
            // Unchanged when nothing was retried: the source's own words for a bad request.
            throw attempt == 1 ? e : new ExchangeException(e.getMessage() + " " + after(attempt), e, failure);
        }
        if (attempt >= policy.maxAttempts()) {
            throw new ExchangeException(e.getMessage() + " " + after(attempt), e, failure);
        }
        if (failure instanceof ExchangeFailure.Throttled(var retryAfter) && retryAfter.isPresent()) {
            Duration wait = retryAfter.get();
            if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                throw new ExchangeException(e.getMessage() + " (exchange asks to wait " + inWords(wait)
                        + ", more than the " + inWords(policy.maxRetryAfter()) + " allowed; after "
                        + attempts(attempt) + ")", e, failure);
            }
            return wait;
        }
        return policy.backoff(attempt);
    }

    private void waitForBudget(String what, int attempt) {
        Duration wait = limiter.reserve();
        if (wait.isPositive()) {
            listener.onBudgetWait(exchange(), wait);
            sleep(wait, what, "for the request budget", attempt - 1);
        }
    }

    private void sleep(Duration delay, String what, String why, int attemptsMade) {
        if (!delay.isPositive()) {
            return;
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(exchange() + " " + what + ": interrupted while waiting " + why
                    + (attemptsMade > 0 ? " " + after(attemptsMade) : ""), e);
        }
    }

    private static String after(int attempts) {
        return "(after " + attempts(attempts) + ")";
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }

    /** Whole seconds where exact ({@code 7 s}), otherwise milliseconds ({@code 1500 ms}). */
    private static String inWords(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
