package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How a signal on a candle becomes a fill, the same in live evaluation and replay: at the candle's close moved
 * against the trader by {@code slippageBps} (basis points), buying as much as {@code stake} (quote currency) pays
 * for in whole steps of the market's amount step, paying {@code feeRate} of the notional on each side.
 *
 * <p>The market's {@link MarketRules} (what its exchange publishes) decide whether a buy is an order the exchange
 * would accept: the quantity is rounded DOWN to a multiple of the amount step ({@value #DEFAULT_AMOUNT_DECIMALS}
 * decimals when the market has none, a series imported from a file), and a buy below the minimum quantity or the
 * minimum notional is not made: {@link #order} says why. A sell sells the whole position, which met the minimums
 * when it was bought.
 *
 * <p>Rounding: the price is kept exact up to {@value #SCALE} decimals (HALF_EVEN beyond); the quantity is rounded
 * DOWN to the amount step; the fee and the pnl are computed exactly from the stored price and quantity and
 * rounded HALF_EVEN to {@value #SCALE} decimals; pnlPercent is the exact pnl over the exact cost, times 100, HALF_EVEN
 * to {@value #SCALE} decimals. Every value is stripped of trailing zeros.
 */
public record FillModel(BigDecimal stake, BigDecimal feeRate, BigDecimal slippageBps, MarketRules rules) {

    /** Decimals of the order quantity when the market's amount precision is not known. */
    public static final int DEFAULT_AMOUNT_DECIMALS = 8;
    /** Most decimals kept in a price, fee, pnl or pnl percent. */
    public static final int SCALE = 12;

    private static final BigDecimal DEFAULT_STEP = BigDecimal.ONE.movePointLeft(DEFAULT_AMOUNT_DECIMALS);
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
        Objects.requireNonNull(rules, "rules");
    }

    /** A model whose only rule is the quantity's decimals (a step of 10^-amountDecimals), no minimum. */
    public FillModel(BigDecimal stake, BigDecimal feeRate, BigDecimal slippageBps, int amountDecimals) {
        this(stake, feeRate, slippageBps, decimals(amountDecimals));
    }

    /** A model for a market whose amount precision may be unknown ({@code null}: {@value #DEFAULT_AMOUNT_DECIMALS}). */
    public static FillModel of(BigDecimal stake, BigDecimal feeRate, BigDecimal slippageBps, Integer amountDecimals) {
        return new FillModel(stake, feeRate, slippageBps,
                amountDecimals == null ? DEFAULT_AMOUNT_DECIMALS : amountDecimals);
    }

    private static MarketRules decimals(int amountDecimals) {
        if (amountDecimals < 0 || amountDecimals > 18) {
            throw new IllegalArgumentException("amount decimals must be in [0, 18], got " + amountDecimals);
        }
        return MarketRules.amountDecimals(amountDecimals);
    }

    /** The step an order's quantity is a multiple of: the market's, or 10^-{@value #DEFAULT_AMOUNT_DECIMALS}. */
    public BigDecimal amountStep() {
        return rules.step().orElse(DEFAULT_STEP);
    }

    /**
     * What a buy signal on the candle opened at {@code candleTime} gives: a fill at its {@code close}, or the reason
     * no order was made (the stake buys less than one step, or less than the market's minimum quantity or notional).
     */
    public Order order(long candleTime, BigDecimal close) {
        BigDecimal price = exact(close.multiply(BigDecimal.ONE.add(slippageBps.divide(BPS))));
        BigDecimal step = amountStep();
        // whole steps the stake pays for: the exact quotient rounded down, so no order ever costs more than the stake
        BigDecimal quantity = trim(stake.divide(price.multiply(step), 0, RoundingMode.DOWN).multiply(step));
        if (quantity.signum() == 0) {
            return Order.skipped(candleTime, "the stake " + plain(stake) + " buys less than one amount step "
                    + plain(step) + " at " + plain(price));
        }
        if (rules.minQuantity() != null && quantity.compareTo(rules.minQuantity()) < 0) {
            return Order.skipped(candleTime, "quantity " + plain(quantity) + " at " + plain(price)
                    + " is below the minimum order size " + plain(rules.minQuantity()));
        }
        BigDecimal notional = price.multiply(quantity);
        if (rules.minNotional() != null && notional.compareTo(rules.minNotional()) < 0) {
            return Order.skipped(candleTime, "order value " + plain(exact(notional)) + " (" + plain(quantity) + " at "
                    + plain(price) + ") is below the minimum notional " + plain(rules.minNotional()));
        }
        return new Order(Optional.of(Fill.buy(candleTime, price, quantity, fee(price, quantity))), Optional.empty());
    }

    /** Buying at {@code close} of the candle opened at {@code candleTime}; empty when {@link #order} skips it. */
    public Optional<Fill> buy(long candleTime, BigDecimal close) {
        return order(candleTime, close).fill();
    }

    /** A buy: its fill, or why it was not made (an order the exchange would refuse), never both. */
    public record Order(Optional<Fill> fill, Optional<SkippedOrder> skipped) {

        static Order skipped(long candleTime, String reason) {
            return new Order(Optional.empty(), Optional.of(new SkippedOrder(candleTime, Side.BUY, reason)));
        }
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

    private static String plain(BigDecimal value) {
        return MarketRules.plain(value);
    }

    private static BigDecimal trim(BigDecimal value) {
        return Decimals.canonical(value);
    }
}
