package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.readers.UnknownSymbolException;

import java.math.BigDecimal;
import java.util.Iterator;

/**
 * Kraken order rules: {@code GET /0/public/AssetPairs?pair=XBTUSD}, the one pair in {@code result} (keyed by
 * Kraken's own name, {@code XXBTZUSD}): {@code lot_decimals} (the quantity's step is 10^-lot_decimals),
 * {@code ordermin} and {@code costmin} (text), {@code tick_size} (text; older answers only {@code pair_decimals}).
 * Kraken answers errors with HTTP 200 and {@code error: ["EQuery:Unknown asset pair"]}.
 */
final class KrakenMarketRules implements MarketRulesSource {

    private static final String UNKNOWN_PAIR = "EQuery:Unknown asset pair";

    private final PublicJson json;

    KrakenMarketRules(ExchangeSettings settings) {
        this.json = new PublicJson(KrakenCandleSource.NAME, settings.baseUrl(), settings.timeouts());
    }

    @Override
    public MarketRules rules(String symbol) {
        String what = "AssetPairs " + symbol;
        PublicJson.Answer answer = json.get("0/public/AssetPairs?pair=" + KrakenCandleSource.pair(symbol), what);
        JsonNode errors = answer.body() == null ? null : answer.body().path("error");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                if (error.asText().startsWith(UNKNOWN_PAIR)) {
                    throw new UnknownSymbolException(KrakenCandleSource.NAME, symbol);
                }
            }
            throw json.failure(what, errors.get(0).asText(), null);
        }
        if (answer.status() / 100 != 2) {
            throw json.status(what, answer.status());
        }
        Iterator<JsonNode> pairs = answer.body().path("result").elements();
        if (!pairs.hasNext()) {
            throw new UnknownSymbolException(KrakenCandleSource.NAME, symbol);
        }
        JsonNode pair = pairs.next();
        return json.read(what, () -> {
            BigDecimal tick = PublicJson.decimal(pair, "tick_size");
            if (tick == null) {
                tick = PublicJson.decimalsStep(pair, "pair_decimals");
            }
            return new MarketRules(PublicJson.decimalsStep(pair, "lot_decimals"), tick,
                    PublicJson.decimal(pair, "ordermin"), PublicJson.decimal(pair, "costmin"));
        });
    }
}
