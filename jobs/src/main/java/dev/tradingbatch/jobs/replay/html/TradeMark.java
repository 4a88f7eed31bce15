package dev.tradingbatch.jobs.replay.html;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One fill: the open time (UTC epoch ms) of the candle it happened on, {@code "buy"} or {@code "sell"}, and its
 * exact price, quantity and fee. {@code pnl} (quote currency) and {@code pnlPercent} are null where there is none,
 * as on a buy.
 */
public record TradeMark(long time, String side, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                        BigDecimal pnl, BigDecimal pnlPercent) {

    public TradeMark {
        Objects.requireNonNull(side, "side");
        side = side.toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new IllegalArgumentException("side must be buy or sell, got '" + side + "'");
        }
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(fee, "fee");
    }

    boolean isBuy() {
        return side.equals("buy");
    }
}
