package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.readers.UnknownSymbolException;

import java.math.BigDecimal;

/**
 * Binance spot order rules: {@code GET /api/v3/exchangeInfo?symbol=BTCUSDT} (weight 2), the symbol's filters:
 * LOT_SIZE {@code stepSize} and {@code minQty}, PRICE_FILTER {@code tickSize}, NOTIONAL (or the older MIN_NOTIONAL)
 * {@code minNotional}, all sent as text ({@code "0.00001000"}). An unknown symbol is answered HTTP 400 with code
 * -1121.
 */
final class BinanceMarketRules implements MarketRulesSource {

    private static final int INVALID_SYMBOL = -1121;

    private final PublicJson json;

    BinanceMarketRules(ExchangeSettings settings) {
        this.json = new PublicJson(BinanceCandleSource.NAME, settings.baseUrl(), settings.timeouts());
    }

    @Override
    public MarketRules rules(String symbol) {
        SourceSupport.Pair pair = SourceSupport.parse(symbol);
        String what = "exchangeInfo " + symbol;
        PublicJson.Answer answer = json.get("api/v3/exchangeInfo?symbol=" + pair.base() + pair.quote(), what);
        if (answer.status() == 400 && answer.body() != null && answer.body().path("code").asInt() == INVALID_SYMBOL) {
            throw new UnknownSymbolException(BinanceCandleSource.NAME, symbol);
        }
        if (answer.status() / 100 != 2) {
            throw json.status(what, answer.status());
        }
        JsonNode market = null;
        for (JsonNode s : answer.body().path("symbols")) {
            if ((pair.base() + pair.quote()).equals(s.path("symbol").asText())) {
                market = s;
            }
        }
        if (market == null) {
            throw new UnknownSymbolException(BinanceCandleSource.NAME, symbol);
        }
        JsonNode found = market;
        return json.read(what, () -> filters(found));
    }

    /** LOT_SIZE, PRICE_FILTER and NOTIONAL (or MIN_NOTIONAL) of the symbol's filters. */
    private static MarketRules filters(JsonNode market) {
        BigDecimal step = null;
        BigDecimal minQuantity = null;
        BigDecimal tick = null;
        BigDecimal minNotional = null;
        for (JsonNode filter : market.path("filters")) {
            switch (filter.path("filterType").asText()) {
                case "LOT_SIZE" -> {
                    step = PublicJson.decimal(filter, "stepSize");
                    minQuantity = PublicJson.decimal(filter, "minQty");
                }
                case "PRICE_FILTER" -> tick = PublicJson.decimal(filter, "tickSize");
                case "NOTIONAL", "MIN_NOTIONAL" -> minNotional = PublicJson.decimal(filter, "minNotional");
                default -> {
                    // other filters (percent price, iceberg parts, order counts) do not limit a paper fill
                }
            }
        }
        return new MarketRules(step, tick, minQuantity, minNotional);
    }
}
