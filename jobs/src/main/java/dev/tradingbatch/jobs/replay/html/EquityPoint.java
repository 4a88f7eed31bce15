package dev.tradingbatch.jobs.replay.html;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The account's value at a time (UTC epoch ms), in quote currency, and how far it is below its running peak in
 * percent: 0 at a peak, 5.2 when 5.2 % below it. The page draws the drawdown downwards from 0.
 */
public record EquityPoint(long time, BigDecimal equity, double drawdownPercent) {

    public EquityPoint {
        Objects.requireNonNull(equity, "equity");
        if (!Double.isFinite(drawdownPercent) || drawdownPercent < 0) {
            throw new IllegalArgumentException(
                    "drawdownPercent must be a finite number >= 0 (percent below the peak), got " + drawdownPercent);
        }
    }
}
