package dev.tradingbatch.writers.candles;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/** Turns a candle as a source sent it into a {@link Candle}, or says in one phrase why it is refused. */
public final class CandleValidator {

    private final Timeframe timeframe;
    private final Clock clock;

    /** {@code clock} says which candles have closed: no source may store one that has not. */
    public CandleValidator(Timeframe timeframe, Clock clock) {
        this.timeframe = timeframe;
        this.clock = clock;
    }

    /** Either a valid candle or the reason it is not one. */
    public record Outcome(Candle candle, String reason) {

        public boolean valid() {
            return candle != null;
        }
    }

    public Outcome validate(RawCandle raw) {
        try {
            long openTime = openTime(raw.openTime());
            BigDecimal open = number("open", raw.open());
            BigDecimal high = number("high", raw.high());
            BigDecimal low = number("low", raw.low());
            BigDecimal close = number("close", raw.close());
            BigDecimal volume = number("volume", raw.volume());
            if (!timeframe.isOnGrid(openTime)) {
                return refused("open time " + Instant.ofEpochMilli(openTime) + " is not on the " + timeframe
                        + " grid");
            }
            long now = clock.millis();
            if (openTime > now - timeframe.millis()) {
                return refused("the candle of " + Instant.ofEpochMilli(openTime) + " has not closed yet (now "
                        + Instant.ofEpochMilli(now) + ")");
            }
            if (high.compareTo(low) < 0) {
                return refused("high " + raw.high() + " < low " + raw.low());
            }
            if (low.signum() <= 0) {
                return refused("low " + raw.low() + " is not positive");
            }
            if (outside(open, low, high)) {
                return refused("open " + raw.open() + " outside [low, high]");
            }
            if (outside(close, low, high)) {
                return refused("close " + raw.close() + " outside [low, high]");
            }
            if (volume.signum() < 0) {
                return refused("negative volume " + raw.volume());
            }
            return new Outcome(new Candle(openTime, open, high, low, close, volume), null);
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
    }

    private static Outcome refused(String reason) {
        return new Outcome(null, reason);
    }

    private static boolean outside(BigDecimal value, BigDecimal low, BigDecimal high) {
        return value.compareTo(low) < 0 || value.compareTo(high) > 0;
    }

    private static long openTime(String text) {
        try {
            return OpenTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("open time " + e.getMessage());
        }
    }

    private static BigDecimal number(String field, String text) {
        return DecimalText.parse(field, text);
    }
}
