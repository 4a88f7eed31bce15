package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.MarketRules;

/**
 * Where an exchange publishes a market's order rules (amount step, price tick, minimum quantity and notional):
 * one public request per market, asked when a series is first backfilled and then about once a day.
 */
@FunctionalInterface
public interface MarketRulesSource {

    /**
     * The rules of {@code symbol} (BASE/QUOTE) as the exchange sends them, exact decimals from its text;
     * {@link dev.tradingbatch.readers.UnknownSymbolException} when it does not list the symbol,
     * {@link dev.tradingbatch.readers.ExchangeException} (one line naming the exchange, request and cause) when the
     * request fails or the answer is not what the exchange documents.
     */
    MarketRules rules(String symbol);
}
