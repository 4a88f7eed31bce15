package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.readers.ExchangeException;

import java.time.Duration;

/** {@link RequestPacing} on an exchange's one {@link WeightedRateLimiter}, waiting through its {@link Sleeper}. */
final class BudgetPacing implements RequestPacing {

    private final String exchange;
    private final WeightedRateLimiter limiter;
    private final Sleeper sleeper;
    private final RetryListener listener;

    BudgetPacing(String exchange, WeightedRateLimiter limiter, Sleeper sleeper, RetryListener listener) {
        this.exchange = exchange;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    @Override
    public void observeUsed(long used) {
        limiter.observeUsed(used);
    }

    @Override
    public void awaitRequest() {
        Duration wait = limiter.reserve();
        if (wait.isPositive()) {
            listener.onBudgetWait(exchange, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeException(exchange + ": interrupted while waiting for the request budget", e);
            }
        }
        listener.onRequest(exchange);
    }
}
