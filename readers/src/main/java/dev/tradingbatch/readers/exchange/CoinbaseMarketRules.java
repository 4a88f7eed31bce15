package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.readers.UnknownSymbolException;

/**
 * Coinbase Exchange order rules: {@code GET /products/BTC-USD}: {@code base_increment} (the quantity's step),
 * {@code quote_increment} (the price tick), {@code min_market_funds} (the smallest order in quote currency), and
 * {@code base_min_size} where it is still sent (Coinbase dropped it in 2022); all text. An unknown product is
 * answered HTTP 404 {@code {"message":"NotFound"}}.
 */
final class CoinbaseMarketRules implements MarketRulesSource {

    private final PublicJson json;

    CoinbaseMarketRules(ExchangeSettings settings) {
        this.json = new PublicJson(CoinbaseCandleSource.NAME, settings.baseUrl(), settings.timeouts());
    }

    @Override
    public MarketRules rules(String symbol) {
        SourceSupport.Pair pair = SourceSupport.parse(symbol);
        String what = "products " + symbol;
        PublicJson.Answer answer = json.get("products/" + pair.base() + "-" + pair.quote(), what);
        if (answer.status() == 404) {
            throw new UnknownSymbolException(CoinbaseCandleSource.NAME, symbol);
        }
        if (answer.status() / 100 != 2) {
            throw json.status(what, answer.status());
        }
        var product = answer.body();
        return json.read(what, () -> new MarketRules(PublicJson.decimal(product, "base_increment"),
                PublicJson.decimal(product, "quote_increment"), PublicJson.decimal(product, "base_min_size"),
                PublicJson.decimal(product, "min_market_funds")));
    }
}
