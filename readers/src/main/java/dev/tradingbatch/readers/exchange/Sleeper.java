package dev.tradingbatch.readers.exchange;

import java.time.Duration;

/**
 * Waits. Retries and the request budget wait through this rather than calling Thread.sleep, so
 * that tests can record each wait and move a test clock on instead of really sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps, on the calling thread. */
    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
