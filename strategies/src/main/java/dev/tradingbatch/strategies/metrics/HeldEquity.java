package dev.tradingbatch.strategies.metrics;

import java.math.BigDecimal;

/**
 * The equity while a position is held, {@code cash + quantity × close}, on scaled longs: the exact value and scale
 * {@code cash.add(quantity.multiply(close))} has ({@code max(cash's scale, quantity's + close's)}), or
 * {@link ScaledLongs#NONE} where a value does not fit a long.
 */
final class HeldEquity {

    private final BigDecimal cash;
    private final long quantity;
    private final int quantityScale;
    /** The scale of the closes the fields below are for; MIN_VALUE before the first. */
    private int closeScale = Integer.MIN_VALUE;
    private int scale;
    private long cashAtScale;
    /** {@code 10^(scale − quantity's scale − close's scale)}: quantity × close brought to the equity's scale. */
    private long factor;

    HeldEquity(BigDecimal cash, BigDecimal quantity) {
        this.cash = cash;
        this.quantity = ScaledLongs.unscaled(quantity);
        this.quantityScale = quantity.scale();
    }

    /** The equity's unscaled value at a close of {@code unscaledClose × 10^-closeScale}, at {@link #scale}. */
    long at(long unscaledClose, int closeScale) {
        if (closeScale != this.closeScale) {
            this.closeScale = closeScale;
            scale = Math.max(cash.scale(), quantityScale + closeScale);
            cashAtScale = ScaledLongs.upscale(ScaledLongs.unscaled(cash), scale - cash.scale());
            factor = ScaledLongs.upscale(1, scale - quantityScale - closeScale);
        }
        return ScaledLongs.add(cashAtScale, ScaledLongs.multiply(ScaledLongs.multiply(quantity, unscaledClose), factor));
    }

    /** The scale of the last {@link #at}. */
    int scale() {
        return scale;
    }
}
