package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How a signal on a candle becomes a fill, the same in live evaluation and replay: at the candle's close moved
 * against the trader by {@code slippageBps} (basis points), buying as much as {@code stake} (quote currency) pays
 * for in steps of {@code amountDecimals}, paying {@code feeRate} of the notional on each side.
 *
 * <p>Rounding: the price is kept exact up to {@value #SCALE} decimals (HALF_EVEN beyond); the quantity is rounded
 * DOWN to {@code amountDecimals}; the fee and the pnl are computed exactly from the stored price and quantity and
 * rounded HALF_EVEN to {@value #SCALE} decimals; pnlPercent is the exact pnl over the exact cost, times 100, HALF_EVEN
 * to {@value #SCALE} decimals. Every value is stripped of trailing zeros.
 */
public record FillModel(BigDecimal stake, BigDecimal feeRate, BigDecimal slippageBps, int amountDecimals) {

    /** Decimals of the order quantity when the market's amount precision is not known. */
    public static final int DEFAULT_AMOUNT_DECIMALS = 8;
    /** Most decimals kept in a price, fee, pnl or pnl percent. */
    public static final int SCALE = 12;

    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    public FillModel {
        Objects.requireNonNull(stake, "stake");
        Objects.requireNonNull(feeRate, "feeRate");
        Objects.requireNonNull(slippageBps, "slippageBps");
        if (stake.signum() <= 0) {
            throw new IllegalArgumentException("stake must be > 0, got " + stake.toPlainString());
        }
        if (feeRate.signum() < 0 || feeRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("fee rate must be in [0, 1), got " + feeRate.toPlainString());
        }
        if (slippageBps.signum() < 0 || slippageBps.compareTo(BPS) >= 0) {
            throw new IllegalArgumentException(
                    "slippage must be in [0, 10000) bps, got " + slippageBps.toPlainString());
        }
        if (amountDecimals < 0 || amountDecimals > 18) {
            throw new IllegalArgumentException("amount decimals must be in [0, 18], got " + amountDecimals);
        }
    }

    /** A model for a market whose amount precision may be unknown ({@code null}: {@value #DEFAULT_AMOUNT_DECIMALS}). */
    public static FillModel of(BigDecimal stake, BigDecimal feeRate, BigDecimal slippageBps, Integer amountDecimals) {
        return new FillModel(stake, feeRate, slippageBps,
                amountDecimals == null ? DEFAULT_AMOUNT_DECIMALS : amountDecimals);
    }

    /** Buying at {@code close} of the candle opened at {@code candleTime}; empty if the stake buys less than a step. */
    public Optional<Fill> buy(long candleTime, BigDecimal close) {
        BigDecimal price = exact(close.multiply(BigDecimal.ONE.add(slippageBps.divide(BPS))));
        BigDecimal quantity = trim(stake.divide(price, amountDecimals, RoundingMode.DOWN));
        if (quantity.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(Fill.buy(candleTime, price, quantity, fee(price, quantity)));
    }

    /** Selling all of {@code entry} at {@code close} of the candle opened at {@code candleTime}. */
    public Fill sell(long candleTime, BigDecimal close, Fill entry) {
        BigDecimal price = exact(close.multiply(BigDecimal.ONE.subtract(slippageBps.divide(BPS))));
        BigDecimal quantity = entry.quantity();
        BigDecimal fee = fee(price, quantity);
        BigDecimal cost = entry.net();
        BigDecimal pnl = price.multiply(quantity).subtract(fee).subtract(cost);
        BigDecimal pnlPercent = pnl.multiply(HUNDRED).divide(cost, SCALE, RoundingMode.HALF_EVEN);
        return new Fill(Side.SELL, candleTime, price, quantity, fee, exact(pnl), trim(pnlPercent));
    }

    private BigDecimal fee(BigDecimal price, BigDecimal quantity) {
        return exact(feeRate.multiply(price).multiply(quantity));
    }

    /** At most {@value #SCALE} decimals, HALF_EVEN, without trailing zeros. */
    private static BigDecimal exact(BigDecimal value) {
        return trim(value.scale() > SCALE ? value.setScale(SCALE, RoundingMode.HALF_EVEN) : value);
    }

    private static BigDecimal trim(BigDecimal value) {
        return Decimals.canonical(value);
    }
}
