package dev.tradingbatch.jobs.deploy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.readers.exchange.BinanceKlines;
import dev.tradingbatch.readers.exchange.MarketRulesAnswers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Binance's {@code GET /api/v3/klines} for 1-minute candles of any symbol, on the real clock: every
 * candle that has opened by now is there, the still-open one included (as Binance answers), so a
 * service keeps finding a new closed candle each minute. Prices zigzag (up on odd minutes, down on
 * even ones, around a slow sawtooth), so strategies with short periods trade nearly every candle.
 * Values follow {@link #candle(String, long)}: exact decimals, a different level per symbol. It also answers
 * {@code GET /api/v3/exchangeInfo} ({@link #rulesStub()}), so the services fill under real order rules.
 */
final class ClockedBinance implements ResponseDefinitionTransformerV2 {

    static final String NAME = "clocked-binance";
    static final long MINUTE = 60_000;

    /** The stub this extension answers; register it on the server. */
    static MappingBuilder stub() {
        return get(urlPathEqualTo("/api/v3/klines")).willReturn(aResponse().withTransformers(NAME));
    }

    /** Binance's order rules for any symbol: BTCUSDT's (step 0.00001, notional 5) under the symbol asked for. */
    static MappingBuilder rulesStub() {
        return get(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH)).willReturn(aResponse().withTransformers(NAME));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        String symbol = request.queryParameter("symbol").firstValue();
        if (request.getUrl().startsWith(MarketRulesAnswers.BINANCE_PATH)) {
            return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(MarketRulesAnswers.BINANCE_BTCUSDT.replace("\"BTCUSDT\"", "\"" + symbol + "\"")).build();
        }
        if (!"1m".equals(request.queryParameter("interval").firstValue())) {
            return responseDefinition().withStatus(400).withBody("{\"code\":-1120,\"msg\":\"Invalid interval.\"}").build();
        }
        int limit = (int) number(request.queryParameter("limit"), 500);
        long newest = System.currentTimeMillis() / MINUTE * MINUTE;   // the candle open now
        long end = Math.min(number(request.queryParameter("endTime"), newest), newest) / MINUTE * MINUTE;
        long start = request.queryParameter("startTime").isPresent()
                ? (number(request.queryParameter("startTime"), 0) + MINUTE - 1) / MINUTE * MINUTE
                : end - (limit - 1) * MINUTE;
        List<String> rows = new ArrayList<>();
        for (long t = start, n = 0; t <= end && n < limit; t += MINUTE, n++) {
            Candle c = candle(symbol, t);
            rows.add(BinanceKlines.row(c.openTime(), MINUTE, c.open(), c.high(), c.low(), c.close(), c.volume()));
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(BinanceKlines.page(rows)).build();
    }

    private static long number(QueryParameter p, long absent) {
        return p.isPresent() ? Long.parseLong(p.firstValue()) : absent;
    }

    /** The candle of {@code symbol} (Binance's spelling, BTCUSDT) opening at {@code openTime}. */
    static Candle candle(String symbol, long openTime) {
        long i = openTime / MINUTE;
        BigDecimal open = close(symbol, i - 1);
        BigDecimal close = close(symbol, i);
        BigDecimal margin = level(symbol).movePointLeft(3);
        return new Candle(openTime, open, open.max(close).add(margin), open.min(close).subtract(margin), close,
                new BigDecimal("1.125").add(BigDecimal.valueOf(i % 7, 3)));
    }

    /** Level × (1 + 1% on odd minutes + (i mod 20 − 10) × 0.05%), to the cent. */
    private static BigDecimal close(String symbol, long i) {
        BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(i % 2, 2))
                .add(BigDecimal.valueOf(i % 20 - 10, 4).multiply(new BigDecimal(5)));
        return level(symbol).multiply(factor).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal level(String symbol) {
        return switch (symbol) {
            case "BTCUSDT" -> new BigDecimal("40000");
            case "ETHUSDT" -> new BigDecimal("2000");
            case "BTCUSD" -> new BigDecimal("39000");
            default -> new BigDecimal("100");
        };
    }
}
