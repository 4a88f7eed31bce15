package dev.tradingbatch.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A candle length on the UTC epoch grid: a candle of timeframe T opens at a multiple of T's millis. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final long millis;

    Timeframe(String code, Duration length) {
        this.code = code;
        this.millis = length.toMillis();
    }

    /** The code users type and the database stores: {@code 1m}, {@code 1h}, ... */
    public String code() {
        return code;
    }

    public long millis() {
        return millis;
    }

    /** Open time (epoch ms) of the candle containing {@code epochMillis}. */
    public long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** Smallest grid point at or after {@code epochMillis}. */
    public long ceil(long epochMillis) {
        return -Math.floorDiv(-epochMillis, millis) * millis;
    }

    public boolean isOnGrid(long epochMillis) {
        return Math.floorMod(epochMillis, millis) == 0;
    }

    /** Parses a timeframe code; the message lists the accepted codes. */
    public static Timeframe parse(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown timeframe '" + code + "' (expected one of " + codes() + ")"));
    }

    public static String codes() {
        return Arrays.stream(values()).map(Timeframe::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
