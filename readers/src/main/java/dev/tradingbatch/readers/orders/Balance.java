package dev.tradingbatch.readers.orders;

import java.math.BigDecimal;

/** What an account holds of one asset: free to trade, and locked in open orders. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {

    public BigDecimal total() {
        return free.add(locked);
    }
}
