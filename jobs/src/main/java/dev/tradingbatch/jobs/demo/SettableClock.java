package dev.tradingbatch.jobs.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The demo's market clock: it plays the time a trader would live through, candle after candle. */
public final class SettableClock extends Clock {

    private volatile Instant now = Instant.EPOCH;

    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
