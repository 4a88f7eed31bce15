package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Kraken's {@code /0/public/Trades} on a WireMock server, in its real format: each page is served for the exact
 * {@code since} the source sends (epoch ns, or the {@code last} cursor of the page before).
 */
public final class KrakenTradesStandIn {

    public static final String TRADES = "/0/public/Trades";

    /** One trade: when (epoch ms; sub-millisecond digits are added to look like Kraken's), price and volume text. */
    public record T(long millis, String price, String volume) {
    }

    private final WireMock server;
    private final String pair;

    public KrakenTradesStandIn(WireMock server, String pair) {
        this.server = server;
        this.pair = pair;
    }

    /** The since the source sends for a range starting at {@code fromMillis}: one nanosecond before it. */
    public static String sinceFor(long fromMillis) {
        return Long.toString(fromMillis * 1_000_000L - 1);
    }

    /** Serves {@code trades} with cursor {@code last} to a request with {@code since}. */
    public void page(String since, List<T> trades, String last) {
        server.register(get(urlPathEqualTo(TRADES)).withQueryParam("pair", equalTo(pair))
                .withQueryParam("since", equalTo(since))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body(trades, last))));
    }

    /** The first request with {@code since} gets Kraken's rate limit error (HTTP 200), the next ones the page. */
    public void rateLimitedOnce(String since, List<T> trades, String last) {
        String scenario = "rate limit " + since;
        server.register(get(urlPathEqualTo(TRADES)).withQueryParam("since", equalTo(since))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":[\"EAPI:Rate limit exceeded\"]}")));
        server.register(get(urlPathEqualTo(TRADES)).withQueryParam("since", equalTo(since))
                .inScenario(scenario).whenScenarioStateIs("answered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body(trades, last))));
    }

    /** Kraken's shape: legacy result key, [price, volume, time (s, 4+ decimals), side, type, misc, trade id]. */
    static String body(List<T> trades, String last) {
        StringJoiner rows = new StringJoiner(",", "{\"error\":[],\"result\":{\"XXBTZUSD\":[",
                "],\"last\":\"" + last + "\"}}");
        int id = 61044952;
        for (T t : trades) {
            String seconds = new BigDecimal(t.millis()).movePointLeft(3).toPlainString() + "2771";
            rows.add("[\"" + t.price() + "\",\"" + t.volume() + "\"," + seconds + ",\"b\",\"m\",\"\"," + id++ + "]");
        }
        return rows.toString();
    }
}
