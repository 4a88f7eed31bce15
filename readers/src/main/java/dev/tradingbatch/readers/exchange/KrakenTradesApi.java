package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.UnknownSymbolException;
import dev.tradingbatch.readers.trades.Trade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kraken's public trades: {@code GET /0/public/Trades?pair=XBTUSD&since=<ns>} answers
 * {@code {"error":[],"result":{"XXBTZUSD":[["price","volume",time_s,"b|s","m|l","misc",trade_id],...],"last":"<ns>"}}},
 * up to 1000 trades oldest first; the next page is asked with {@code since=last}. Called through {@link PublicJson}
 * so that price and volume keep their text; XChange's trade DTOs are not used.
 */
final class KrakenTradesApi {

    /** One page: its trades (oldest first) and the cursor of the next page. */
    record Page(List<Trade> trades, String last) {
    }

    private final PublicJson json;

    KrakenTradesApi(String baseUrl, HttpTimeouts timeouts) {
        this.json = new PublicJson(KrakenCandleSource.NAME, baseUrl, timeouts);
    }

    /** The page of trades after {@code since} (epoch ns, or Kraken's own {@code last} cursor). */
    Page trades(String symbol, Timeframe timeframe, String what, String pair, String since) {
        PublicJson.Answer answer;
        try {
            answer = json.get("0/public/Trades?pair=" + pair + "&since=" + since, "Trades " + symbol);
        } catch (ExchangeException e) {
            // the network or a garbled body: ask again
            String detail = e.getCause() == null ? "malformed response body" : SourceSupport.message(e.getCause());
            throw failure(symbol, timeframe, what, detail, e, ExchangeFailure.temporary());
        }
        JsonNode body = answer.body();
        List<String> errors = new ArrayList<>();
        if (body != null && body.path("error").isArray()) {
            body.path("error").forEach(e -> errors.add(e.asText()));
        }
        if (errors.stream().anyMatch(e -> e.startsWith(KrakenCandleSource.UNKNOWN_PAIR))) {
            throw new UnknownSymbolException(KrakenCandleSource.NAME, symbol);
        }
        if (!errors.isEmpty()) {
            throw failure(symbol, timeframe, what, String.join("; ", errors), null,
                    KrakenCandleSource.classify(errors.toArray(String[]::new)));
        }
        int status = answer.status();
        if (status / 100 != 2) {
            ExchangeFailure failure = status == 429 || status == 418 ? ExchangeFailure.throttled(Optional.empty())
                    : status >= 500 ? ExchangeFailure.temporary() : ExchangeFailure.permanent();
            throw failure(symbol, timeframe, what, SourceSupport.statusLine(status), null, failure);
        }
        JsonNode result = body.path("result");
        JsonNode last = result.path("last");
        JsonNode rows = rows(result);
        if (rows == null || last.isMissingNode() || last.isNull()) {
            throw failure(symbol, timeframe, what, "response has no result", null, ExchangeFailure.temporary());
        }
        List<Trade> trades = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            trades.add(trade(row));
        }
        return new Page(trades, last.asText());
    }

    /** The one array under "result" besides "last", whatever Kraken names the pair (XXBTZUSD for XBTUSD). */
    private static JsonNode rows(JsonNode result) {
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("last") && field.getValue().isArray()) {
                return field.getValue();
            }
        }
        return null;
    }

    /** [price, volume, time (epoch s with a fraction), side, type, misc, id]: the time to epoch ms, rounded down. */
    private static Trade trade(JsonNode row) {
        BigDecimal seconds = DecimalText.parse(row.path(2).asText());
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Trade(millis, row.path(0).asText(), row.path(1).asText());
    }

    private static ExchangeException failure(String symbol, Timeframe timeframe, String what, String detail,
                                             Throwable cause, ExchangeFailure failure) {
        return new ExchangeException(SourceSupport.failure(KrakenCandleSource.NAME, "Trades", symbol, timeframe, what,
                detail), cause, failure);
    }
}
