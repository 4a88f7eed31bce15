package dev.tradingbatch.readers.trades;

import dev.tradingbatch.model.DecimalText;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One public trade as the exchange sent it: when (epoch ms, UTC), the price and volume exactly as their text.
 *
 * @param time   epoch milliseconds, UTC (sub-millisecond digits dropped: they never change an interval)
 * @param price  the price text, e.g. {@code 30243.40000}
 * @param volume the volume text in the base asset, e.g. {@code 0.34507674}
 */
public record Trade(long time, String price, String volume) {

    public Trade {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(volume, "volume");
    }

    BigDecimal priceValue() {
        return DecimalText.parse(price);
    }

    BigDecimal volumeValue() {
        return DecimalText.parse(volume);
    }
}
