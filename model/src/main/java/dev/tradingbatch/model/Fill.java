package dev.tradingbatch.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One simulated trade: the candle whose close triggered it (open time, UTC epoch ms), the price after slippage, the
 * quantity and the fee in quote currency. A SELL closes the position and carries its {@code pnl} (quote currency,
 * after both fees) and {@code pnlPercent} (of what the BUY cost, fee included); both are null on a BUY.
 */
public record Fill(Side side, long candleTime, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                   BigDecimal pnl, BigDecimal pnlPercent) {

    public Fill {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(fee, "fee");
        if ((side == Side.SELL) != (pnl != null) || (pnl == null) != (pnlPercent == null)) {
            throw new IllegalArgumentException("pnl and pnlPercent are set on a SELL and only on a SELL");
        }
    }

    /** A BUY, for instance the open position read back from the trades of an earlier run. */
    public static Fill buy(long candleTime, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
        return new Fill(Side.BUY, candleTime, price, quantity, fee, null, null);
    }

    /** What a BUY cost (price × quantity + fee), or what a SELL brought (price × quantity − fee). */
    public BigDecimal net() {
        BigDecimal notional = price.multiply(quantity);
        return side == Side.BUY ? notional.add(fee) : notional.subtract(fee);
    }

    @Override
    public String toString() {
        return side + " " + quantity.toPlainString() + " @ " + price.toPlainString() + " fee " + fee.toPlainString()
                + " on candle " + Instant.ofEpochMilli(candleTime)
                + (pnl == null ? "" : " pnl " + pnl.toPlainString() + " (" + pnlPercent.toPlainString() + "%)");
    }
}
