package dev.tradingbatch.jobs.ledger;

import java.math.BigDecimal;

/**
 * A live strategy's position from its own orders: the base quantities executed by its accepted orders, buys minus
 * sells. Exact decimals, as the exchange reported them; fees are not taken off yet (they are recorded with the
 * fills).
 *
 * @param orders its accepted orders counted
 */
public record StrategyPosition(String strategyId, String account, String symbol, BigDecimal bought, BigDecimal sold,
                               int orders) {

    public BigDecimal position() {
        return bought.subtract(sold);
    }

    /** The asset the position is in: BTC of BTC/USDT. */
    public String base() {
        return symbol.substring(0, symbol.indexOf('/'));
    }
}
