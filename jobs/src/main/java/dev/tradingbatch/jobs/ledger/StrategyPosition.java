package dev.tradingbatch.jobs.ledger;

import java.math.BigDecimal;

/**
 * A live strategy's position from its own orders: the base quantities executed by its accepted orders, buys minus
 * sells, minus the commission the exchange charged in the base asset on its fills (Binance takes a buy's commission
 * from the asset bought). Exact decimals, as the exchange reported them.
 *
 * @param orders    its accepted orders counted
 * @param fees      the commission charged in the base asset, from its fills in {@code live_fills}
 * @param quoteLeft what is left of its {@code allocation} in the quote currency ({@code SubLedger#quoteLeft}); null
 *                  for a strategy without one (its quote currency is not tracked)
 */
public record StrategyPosition(String strategyId, String account, String symbol, BigDecimal bought, BigDecimal sold,
                               BigDecimal fees, int orders, BigDecimal quoteLeft) {

    public BigDecimal position() {
        return bought.subtract(sold).subtract(fees);
    }

    /** The currency its allocation is in: USDT of BTC/USDT. */
    public String quote() {
        return symbol.substring(symbol.indexOf('/') + 1);
    }

    /** The asset the position is in: BTC of BTC/USDT. */
    public String base() {
        return symbol.substring(0, symbol.indexOf('/'));
    }
}
