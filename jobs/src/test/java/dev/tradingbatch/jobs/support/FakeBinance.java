package dev.tradingbatch.jobs.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tradingbatch.readers.exchange.BinanceKlines;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock extension answering {@code GET /api/v3/klines} the way Binance does, from a set of
 * candles the test decides (so maintenance windows are simply missing open times): rows with open
 * time in [startTime, endTime], oldest first, at most {@code limit}; without startTime the newest
 * {@code limit} rows. Prices follow {@link #row(long)}. Tests add fault stubs (503, 429) with a
 * higher priority beside the stub this class serves.
 */
public final class FakeBinance implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-binance";
    public static final String KLINES = "/api/v3/klines";

    private final long t0;
    private final long step;
    private final NavigableSet<Long> openTimes = new ConcurrentSkipListSet<>();
    private volatile int delayMillis;

    /** Candles open every {@code step} ms; row values depend on the index {@code (openTime - t0) / step}. */
    public FakeBinance(long t0, long step) {
        this.t0 = t0;
        this.step = step;
    }

    /** A WireMock server on a free port that answers through this fake; register it with {@code @RegisterExtension}. */
    public WireMockExtension server() {
        return WireMockExtension.newInstance().options(options().dynamicPort().extensions(this)).build();
    }

    /** The stub this extension answers; register it on the server. */
    public static com.github.tomakehurst.wiremock.client.MappingBuilder stub() {
        return get(urlPathEqualTo(KLINES)).atPriority(10).willReturn(aResponse().withTransformers(NAME));
    }

    /** Makes candles with open times {@code t0 + i * step} for i in [fromIndex, toIndex) available. */
    public FakeBinance serve(int fromIndex, int toIndex) {
        for (int i = fromIndex; i < toIndex; i++) {
            openTimes.add(t0 + i * step);
        }
        return this;
    }

    /** Takes candles away (a maintenance window, a market without trades). */
    public FakeBinance withhold(int fromIndex, int toIndex) {
        for (int i = fromIndex; i < toIndex; i++) {
            openTimes.remove(t0 + i * step);
        }
        return this;
    }

    /** Slows every answer down (to give a test time to kill a process mid-run). */
    public FakeBinance delay(int millis) {
        this.delayMillis = millis;
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
        int limit = (int) number(request.queryParameter("limit"), 500);
        Collection<Long> rows;
        if (request.queryParameter("startTime").isPresent()) {
            long start = number(request.queryParameter("startTime"), 0);
            long end = number(request.queryParameter("endTime"), Long.MAX_VALUE);
            rows = openTimes.subSet(start, true, end, true).stream().limit(limit).toList();
        } else {
            List<Long> newest = openTimes.descendingSet().stream().limit(limit).toList();
            rows = newest.reversed();
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(BinanceKlines.page(rows.stream().map(this::row).toList())).withFixedDelay(delayMillis).build();
    }

    private static long number(QueryParameter p, long absent) {
        return p.isPresent() ? Long.parseLong(p.firstValue()) : absent;
    }

    /** The row of the candle opening at {@code openTime}, its values by its index, with eight decimals as Binance writes them. */
    public String row(long openTime) {
        long i = (openTime - t0) / step;
        BigDecimal open = open(i);
        return BinanceKlines.row(openTime, step, open.setScale(8), open.add(new BigDecimal("5.5")).setScale(8),
                open.subtract(new BigDecimal("4.25")).setScale(8), open.add(new BigDecimal("0.01")).setScale(8),
                volume(i).setScale(8));
    }

    public static BigDecimal open(long i) {
        return new BigDecimal("42000.00").add(new BigDecimal(i % 100_000).movePointLeft(2));
    }

    public static BigDecimal volume(long i) {
        return new BigDecimal("12.34567").add(new BigDecimal(i % 100_000).movePointLeft(5));
    }
}
