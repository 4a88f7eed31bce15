package dev.tradingbatch.strategies;

import java.io.Serial;
import java.math.BigDecimal;
import java.math.MathContext;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

/**
 * A ta4j number of a {@code double}, like ta4j's {@code DoubleNum} (the same arithmetic, operation for operation)
 * except that two numbers are equal only when their doubles are. {@code DoubleNum.equals} calls numbers within
 * 1e-5 of each other equal, and ta4j's indicators test for zero that way ({@code PlusDIIndicator} asks whether the
 * ATR "equals" zero): on a market priced around 0.0004 every ATR is "zero" and the ADX decays to nothing, so a
 * strategy's signals depended on the price scale. With exact equality they do not.
 */
public final class ScaleFreeNum implements Num {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The numbers ta4j asks its factory for, made once. */
    static final ScaleFreeNum MINUS_ONE = new ScaleFreeNum(-1);
    static final ScaleFreeNum ZERO = new ScaleFreeNum(0);
    static final ScaleFreeNum ONE = new ScaleFreeNum(1);
    static final ScaleFreeNum TWO = new ScaleFreeNum(2);
    static final ScaleFreeNum THREE = new ScaleFreeNum(3);
    static final ScaleFreeNum HUNDRED = new ScaleFreeNum(100);
    static final ScaleFreeNum THOUSAND = new ScaleFreeNum(1000);

    private final double value;

    private ScaleFreeNum(double value) {
        this.value = value;
    }

    public static ScaleFreeNum of(double value) {
        return new ScaleFreeNum(value);
    }

    @Override
    public Double getDelegate() {
        return value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public NumFactory getNumFactory() {
        return Factory.INSTANCE;
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : BigDecimal.valueOf(value);
    }

    @Override
    public Num plus(Num augend) {
        return augend.isNaN() ? NaN.NaN : of(value + augend.doubleValue());
    }

    @Override
    public Num minus(Num subtrahend) {
        return subtrahend.isNaN() ? NaN.NaN : of(value - subtrahend.doubleValue());
    }

    @Override
    public Num multipliedBy(Num multiplicand) {
        return multiplicand.isNaN() ? NaN.NaN : of(value * multiplicand.doubleValue());
    }

    /** NaN for a divisor of exactly zero, as {@code DoubleNum} (whose zero test is exact too). */
    @Override
    public Num dividedBy(Num divisor) {
        return divisor.isNaN() || divisor.isZero() ? NaN.NaN : of(value / divisor.doubleValue());
    }

    @Override
    public Num remainder(Num divisor) {
        return divisor.isNaN() ? NaN.NaN : of(value % divisor.doubleValue());
    }

    @Override
    public Num floor() {
        return of(Math.floor(value));
    }

    @Override
    public Num ceil() {
        return of(Math.ceil(value));
    }

    @Override
    public Num pow(int n) {
        return of(Math.pow(value, n));
    }

    @Override
    public Num pow(Num n) {
        return of(Math.pow(value, n.doubleValue()));
    }

    @Override
    public Num log() {
        return value <= 0 ? NaN.NaN : of(Math.log(value));
    }

    @Override
    public Num exp() {
        return of(Math.exp(value));
    }

    @Override
    public Num sqrt() {
        return value < 0 ? NaN.NaN : of(Math.sqrt(value));
    }

    @Override
    public Num sqrt(MathContext mathContext) {
        return sqrt();
    }

    @Override
    public Num abs() {
        return of(Math.abs(value));
    }

    @Override
    public Num negate() {
        return of(-value);
    }

    @Override
    public boolean isZero() {
        return value == 0;
    }

    @Override
    public boolean isPositive() {
        return value > 0;
    }

    @Override
    public boolean isPositiveOrZero() {
        return value >= 0;
    }

    @Override
    public boolean isNegative() {
        return value < 0;
    }

    @Override
    public boolean isNegativeOrZero() {
        return value <= 0;
    }

    @Override
    public boolean isEqual(Num other) {
        return !other.isNaN() && value == other.doubleValue();
    }

    @Override
    public boolean isGreaterThan(Num other) {
        return !other.isNaN() && Double.compare(value, other.doubleValue()) > 0;
    }

    @Override
    public boolean isGreaterThanOrEqual(Num other) {
        return !other.isNaN() && Double.compare(value, other.doubleValue()) >= 0;
    }

    @Override
    public boolean isLessThan(Num other) {
        return !other.isNaN() && Double.compare(value, other.doubleValue()) < 0;
    }

    @Override
    public boolean isLessThanOrEqual(Num other) {
        return !other.isNaN() && Double.compare(value, other.doubleValue()) <= 0;
    }

    @Override
    public Num min(Num other) {
        return other.isNaN() ? NaN.NaN : of(Math.min(value, other.doubleValue()));
    }

    @Override
    public Num max(Num other) {
        return other.isNaN() ? NaN.NaN : of(Math.max(value, other.doubleValue()));
    }

    /** 0 against NaN, as {@code DoubleNum}: NaN is neither greater nor less. */
    @Override
    public int compareTo(Num other) {
        return other.isNaN() ? 0 : Double.compare(value, other.doubleValue());
    }

    /** Equal when the doubles are: the one difference from {@code DoubleNum}. */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof ScaleFreeNum other && Double.compare(value, other.value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return Double.toString(value);
    }

    /** Makes {@link ScaleFreeNum}s: the number factory of every series a strategy runs on. */
    public static final class Factory implements NumFactory {

        @Serial
        private static final long serialVersionUID = 1L;

        public static final Factory INSTANCE = new Factory();

        private Factory() {
        }

        @Override
        public Num minusOne() {
            return MINUS_ONE;
        }

        @Override
        public Num zero() {
            return ZERO;
        }

        @Override
        public Num one() {
            return ONE;
        }

        @Override
        public Num two() {
            return TWO;
        }

        @Override
        public Num three() {
            return THREE;
        }

        @Override
        public Num hundred() {
            return HUNDRED;
        }

        @Override
        public Num thousand() {
            return THOUSAND;
        }

        @Override
        public Num numOf(Number number) {
            return of(number.doubleValue());
        }

        @Override
        public Num numOf(String number) {
            return of(Double.parseDouble(number));
        }

        @Serial
        private Object readResolve() {
            return INSTANCE;
        }
    }
}
