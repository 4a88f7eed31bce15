package dev.tradingbatch.model;

/**
 * The powers of ten that exact integer and floating-point arithmetic on scaled decimals needs: as longs up to
 * {@value #MAX_LONG} (the largest a long holds), as doubles up to {@value #MAX_DOUBLE} (the largest that are exact).
 */
public final class PowersOfTen {

    /** 10^18 &lt; 2^63 &lt; 10^19. */
    public static final int MAX_LONG = 18;
    /** 10^22 is the largest power of ten a double holds exactly. */
    public static final int MAX_DOUBLE = 22;

    private static final long[] LONGS = new long[MAX_LONG + 1];
    private static final double[] DOUBLES = new double[MAX_DOUBLE + 1];

    static {
        LONGS[0] = 1;
        for (int i = 1; i < LONGS.length; i++) {
            LONGS[i] = LONGS[i - 1] * 10;
        }
        DOUBLES[0] = 1;
        for (int i = 1; i < DOUBLES.length; i++) {
            DOUBLES[i] = DOUBLES[i - 1] * 10;
        }
    }

    private PowersOfTen() {
    }

    /** 10^{@code exponent} for an exponent in [0, {@value #MAX_LONG}]. */
    public static long asLong(int exponent) {
        return LONGS[exponent];
    }

    /** 10^{@code exponent}, exactly, for an exponent in [0, {@value #MAX_DOUBLE}]. */
    public static double asDouble(int exponent) {
        return DOUBLES[exponent];
    }
}
