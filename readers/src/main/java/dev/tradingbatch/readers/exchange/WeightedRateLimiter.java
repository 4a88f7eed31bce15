package dev.tradingbatch.readers.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps one exchange's requests within its {@link RateBudget}: a sliding window over the weight
 * spent, so no stretch of {@code window} length ever holds more than {@code limit}. A request that
 * does not fit is booked for when enough earlier weight has left the window, and its caller waits
 * until then. Thread-safe: share one instance among everything that calls the same exchange from
 * this process.
 */
public final class WeightedRateLimiter {

    private final RateBudget budget;
    private final Clock clock;

    /** Weight spent (or reserved by a caller still waiting) at each instant, oldest first. */
    private final NavigableMap<Instant, Long> spent = new TreeMap<>();

    public WeightedRateLimiter(RateBudget budget, Clock clock) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The exchange's own count of the weight this IP spent in the current window (Binance's
     * X-MBX-USED-WEIGHT-1M). Weight beyond what this limiter counted was spent by someone else on
     * the same IP; it is counted as spent now, so it leaves the window one window length later
     * (Binance resets at the minute: waiting up to a window longer errs on the safe side).
     */
    public synchronized void observeUsed(long used) {
        Instant now = clock.instant();
        long counted = spent.subMap(now.minus(budget.window()), false, now, true).values().stream()
                .mapToLong(Long::longValue).sum();
        if (used > counted) {
            spent.merge(now, used - counted, Long::sum);
        }
    }

    /**
     * The weight still free in the window ending now: the limit less what was spent within the last window and what
     * callers have booked and still wait for (0 when the budget is taken).
     */
    public synchronized long remaining() {
        Instant now = clock.instant();
        long taken = spent.tailMap(now.minus(budget.window()), false).values().stream().mapToLong(Long::longValue).sum();
        return Math.max(0, budget.limit() - taken);
    }

    /**
     * Books one request of the budget's weight at the earliest instant, not before now nor before any
     * earlier booking, where the window ending there still has room, and returns how long its caller
     * must wait before sending it.
     */
    public synchronized Duration reserve() {
        long weight = budget.requestWeight();
        Instant now = clock.instant();
        // Bookings that left the window by now can never count again: every later booking is >= now.
        spent.headMap(now.minus(budget.window()), true).clear();
        Instant at = spent.isEmpty() || spent.lastKey().isBefore(now) ? now : spent.lastKey();
        Instant first = at;
        long inWindow = spent.tailMap(first.minus(budget.window()), false).values().stream()
                .mapToLong(Long::longValue).sum();
        for (Map.Entry<Instant, Long> e : spent.entrySet()) {
            if (inWindow + weight <= budget.limit()) {
                break;
            }
            Instant leaves = e.getKey().plus(budget.window());
            if (leaves.isAfter(first)) {
                // Counted at 'first'; once it leaves, the window ending at 'leaves' no longer holds it.
                inWindow -= e.getValue();
                at = leaves;
            }
        }
        spent.merge(at, weight, Long::sum);
        return Duration.between(now, at);
    }
}
