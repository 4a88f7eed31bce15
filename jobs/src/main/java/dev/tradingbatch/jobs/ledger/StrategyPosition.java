package dev.tradingbatch.jobs.ledger;

import java.math.BigDecimal;

/**
 * A live strategy's position from its own orders: the base quantities executed by its accepted orders, buys minus
 * sells, minus the commission the exchange charged in the base asset on its fills (Binance takes a buy's commission
 * from the asset bought). Exact decimals, as the exchange reported them.
 *
 * @param orders its accepted orders counted
 * @param fees   the commission charged in the base asset, from its fills in {@code live_fills}
 */
public record StrategyPosition(String strategyId, String account, String symbol, BigDecimal bought, BigDecimal sold,
                               BigDecimal fees, int orders) {

    public BigDecimal position() {
        return bought.subtract(sold).subtract(fees);
    }

    /** The asset the position is in: BTC of BTC/USDT. */
    public String base() {
        return symbol.substring(0, symbol.indexOf('/'));
    }
}
