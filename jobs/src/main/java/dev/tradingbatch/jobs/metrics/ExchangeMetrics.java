package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.jobs.backfill.CandleSources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * This process' candle requests per exchange, counted where every one is sent (the readers'
 * {@code ResilientCandleSource}): {@code trading_exchange_requests_total}, {@code trading_exchange_retries_total}
 * and {@code trading_exchange_throttled_total} (answers 429 or 418: too many requests).
 */
@Component
public class ExchangeMetrics {

    private static final String REQUESTS = "trading.exchange.requests";
    private static final String RETRIES = "trading.exchange.retries";
    private static final String THROTTLED = "trading.exchange.throttled";
    private static final String BUDGET_LEFT = "trading.exchange.budget.left";
    private static final String[][] COUNTERS = {
            {REQUESTS, "candle requests sent, retries included"},
            {RETRIES, "candle requests sent again after a failure"},
            {THROTTLED, "answers 429 or 418: too many requests"}};

    private final ObjectProvider<MeterRegistry> registry;
    /** Lazily: the sources count their requests here. */
    private final ObjectProvider<CandleSources> sources;

    /** The registry is there in a process that serves metrics only ({@link ManagementServer}). */
    ExchangeMetrics(ObjectProvider<MeterRegistry> registry, ObjectProvider<CandleSources> sources) {
        this.registry = registry;
        this.sources = sources;
    }

    /**
     * Shows the exchange's counters at zero before its first request (a service registers those of its series), and
     * its gauge {@code trading_exchange_budget_left}: the weight of its request budget this process has left now.
     */
    public void register(MeterRegistry meters, String exchange) {
        for (String[] c : COUNTERS) {
            counter(meters, c[0], c[1], exchange);
        }
        if (meters.find(BUDGET_LEFT).tag("exchange", exchange).gauge() != null) {
            return;   // a gauge registered again is only warned about: once per exchange (a service has several series)
        }
        Gauge.builder(BUDGET_LEFT, sources, s -> s.getObject().budgetLeft(exchange))
                .description("request weight the exchange's budget has left for this process now (its limit per"
                        + " window, less what the last window spent)")
                .tag("exchange", exchange).strongReference(true).register(meters);
    }

    /** A request sent, first attempt or retry. */
    public void request(String exchange) {
        count(COUNTERS[0], exchange);
    }

    /** A request sent again after a failure. */
    public void retry(String exchange) {
        count(COUNTERS[1], exchange);
    }

    /** A failed request: counted when the exchange said too many requests. */
    public void failure(String exchange, ExchangeFailure failure) {
        if (failure instanceof ExchangeFailure.Throttled) {
            count(COUNTERS[2], exchange);
        }
    }

    private void count(String[] counter, String exchange) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            counter(meters, counter[0], counter[1], exchange).increment();
        }
    }

    private static Counter counter(MeterRegistry meters, String name, String description, String exchange) {
        return Counter.builder(name).description(description).tag("exchange", exchange).register(meters);
    }
}
