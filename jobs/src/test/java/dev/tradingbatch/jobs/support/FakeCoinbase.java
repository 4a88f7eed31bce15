package dev.tradingbatch.jobs.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock extension answering {@code GET /products/{id}/candles} the way Coinbase Exchange does: rows
 * {@code [time (epoch s), low, high, open, close, volume]} of JSON numbers, newest first, for open times in
 * {@code [start, end]} (ISO-8601, both inclusive) at {@code granularity} seconds, and no row at all for an interval
 * without trades ({@link #noTrades}). Every interval from {@code t0} on has a candle otherwise; which of them have
 * closed is the source's business (it asks with its own clock). Closes swing on a sine, so that strategies trade.
 */
public final class FakeCoinbase implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-coinbase";

    private final long t0;
    private final long step;
    private final Set<Long> quiet = ConcurrentHashMap.newKeySet();

    public FakeCoinbase(long t0, long step) {
        this.t0 = t0;
        this.step = step;
    }

    public WireMockExtension server() {
        return WireMockExtension.newInstance().options(options().dynamicPort().extensions(this)).build();
    }

    public static com.github.tomakehurst.wiremock.client.MappingBuilder stub() {
        return get(urlPathMatching("/products/[A-Z0-9]+-[A-Z0-9]+/candles")).atPriority(10)
                .willReturn(aResponse().withTransformers(NAME));
    }

    /** Intervals {@code t0 + i * step}, i in [fromIndex, toIndex), had no trades: no row for them. */
    public FakeCoinbase noTrades(int fromIndex, int toIndex) {
        for (int i = fromIndex; i < toIndex; i++) {
            quiet.add(t0 + i * step);
        }
        return this;
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
        long start = Instant.parse(request.queryParameter("start").firstValue()).toEpochMilli();
        long end = Instant.parse(request.queryParameter("end").firstValue()).toEpochMilli();
        StringJoiner rows = new StringJoiner(",", "[", "]");
        for (long t = Math.floorDiv(end - t0, step) * step + t0; t >= Math.max(start, t0); t -= step) {
            if (!quiet.contains(t)) {
                rows.add(row(t));
            }
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(rows.toString()).build();
    }

    private String row(long openTime) {
        long i = (openTime - t0) / step;
        BigDecimal open = close(i - 1);
        BigDecimal close = close(i);
        return "[" + openTime / 1000 + "," + open.min(close).subtract(BigDecimal.ONE) + ","
                + open.max(close).add(BigDecimal.ONE) + "," + open + "," + close + ",1.5]";
    }

    /** The close of interval {@code i}: 42000 ± 300 on a sine of period 10 intervals, two decimals. */
    public static BigDecimal close(long i) {
        return BigDecimal.valueOf(42_000 + 300 * Math.sin(i * Math.PI / 5)).setScale(2, RoundingMode.HALF_EVEN);
    }
}
