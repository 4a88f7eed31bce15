package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.jobs.schedule.PlannedRun;
import dev.tradingbatch.model.MarketKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The gauges of a service: one set per series it keeps (its backfills) and per strategy it evaluates, read from
 * the database when Prometheus scrapes. One scrape reads each series and strategy once: the figures are read
 * together by the first gauge asked and kept for {@link #FRESH} (a scrape asks every gauge in turn). A value that
 * cannot be read (the database busy, a strategy not evaluated yet) is NaN, which Prometheus shows as such.
 * Amounts are exact decimals until here; a Prometheus sample is a double.
 */
@Component
public class FleetGauges {

    private static final Logger log = LoggerFactory.getLogger(FleetGauges.class);
    static final Duration FRESH = Duration.ofSeconds(1);

    private final ObjectProvider<MeterRegistry> registry;
    private final FleetFigures figures;
    private final ExchangeMetrics exchanges;
    private final Set<MarketKey> series = new LinkedHashSet<>();
    private final Set<String> strategies = new LinkedHashSet<>();
    private final Set<String> live = new LinkedHashSet<>();
    private Snapshot snapshot;

    /** The registry is there in a process that serves metrics only ({@link ManagementServer}). */
    FleetGauges(ObjectProvider<MeterRegistry> registry, FleetFigures figures, ExchangeMetrics exchanges) {
        this.registry = registry;
        this.figures = figures;
        this.exchanges = exchanges;
    }

    private record Snapshot(long readAt, Map<MarketKey, SeriesFigures> series,
                            Map<String, Optional<StrategyFigures>> strategies, Map<String, DriftScore> drift,
                            Map<String, Map<String, Long>> orders) {
    }

    /** The statuses of a live order ({@code live_orders.status}), one gauge each. */
    static final List<String> ORDER_STATUSES = List.of("intent", "unknown", "accepted", "rejected");

    /**
     * Registers the gauges of the series the service backfills and of the strategies it evaluates, and the request
     * counters of the exchanges it backfills from.
     */
    public synchronized void register(Iterable<PlannedRun> runs) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        for (PlannedRun run : runs) {
            switch (run.kind()) {
                case BACKFILL -> {
                    registerSeries(meters, run.market());
                    run.strategies().forEach(id -> registerStrategy(meters, id));
                }
                case EVALUATE -> registerStrategy(meters, run.strategy());
                default -> { }
            }
        }
    }

    private void registerSeries(MeterRegistry meters, MarketKey market) {
        if (!series.add(market)) {
            return;
        }
        exchanges.register(meters, market.exchange());
        Tags tags = Tags.of("exchange", market.exchange(), "symbol", market.symbol(), "timeframe",
                market.timeframe().code());
        seriesGauge(meters, "trading.candles.stored", "candles stored", tags, market, SeriesFigures::stored, null);
        seriesGauge(meters, "trading.candles.newest.age", "time since the newest stored candle closed", tags, market,
                f -> orNaN(f.newestAgeSeconds()), "seconds");
        seriesGauge(meters, "trading.gaps.open", "missing ranges not confirmed empty, between the first and newest candle",
                tags, market, SeriesFigures::openGaps, null);
        seriesGauge(meters, "trading.gaps.confirmed.empty", "missing ranges the exchange confirmed empty", tags, market,
                SeriesFigures::confirmedEmpty, null);
    }

    private void registerStrategy(MeterRegistry meters, String id) {
        if (!strategies.add(id)) {
            return;
        }
        Tags tags = Tags.of("strategy", id);
        strategyGauge(meters, "trading.strategy.equity", "stake plus realised and unrealised pnl, quote currency", tags, id,
                f -> number(f.equity()), null);
        strategyGauge(meters, "trading.strategy.realised.pnl", "realised pnl after fees, quote currency", tags, id,
                f -> number(f.realisedPnl()), null);
        strategyGauge(meters, "trading.strategy.position", "quantity of the open position, 0 when flat", tags, id,
                f -> number(f.position()), null);
        strategyGauge(meters, "trading.strategy.max.drawdown", "largest fall of realised equity, quote currency", tags, id,
                f -> number(f.maxDrawdown()), null);
        strategyGauge(meters, "trading.strategy.max.drawdown.percent", "largest fall of realised equity, percent of its stake",
                tags, id, f -> number(f.maxDrawdownPercent()), null);
        strategyGauge(meters, "trading.strategy.trades", "live trades, buys and sells (Query 2's total_trades)", tags, id,
                StrategyFigures::trades, null);
        strategyGauge(meters, "trading.strategy.last.evaluation.age", "time since the newest evaluated candle closed", tags, id,
                f -> orNaN(f.lastEvaluationAgeSeconds()), "seconds");
        strategyGauge(meters, "trading.strategy.halted", "1 while a halt stops the strategy from trading, else 0", tags,
                id, f -> f.halted() ? 1 : 0, null);
        driftGauge(meters, "trading.strategy.drift.score", "latest drift score, percent: trades only live or only in a"
                + " replay as declared now, over twice the matched plus those", tags, id, d -> number(d.score()), null);
        driftGauge(meters, "trading.strategy.drift.age", "time since the latest drift score was computed", tags, id,
                d -> Math.floorDiv(figures.now() - d.computedAt(), 1000L), "seconds");
        driftGauge(meters, "trading.strategy.fill.slippage.bps", "a live strategy's mean fill against the modelled"
                + " price over its drift window, bps, positive when worse", tags, id,
                d -> d.fillSlippageBps().map(FleetGauges::number).orElse(Double.NaN), null);
        if (figures.live(id)) {
            for (String status : ORDER_STATUSES) {
                gauge(meters, "trading.strategy.orders", "a live strategy's orders in live_orders by status (intent: not"
                        + " sent yet, unknown: sent, outcome not known, accepted, rejected)", tags.and("status", status),
                        null, s -> (double) s.orders().getOrDefault(id, Map.of()).getOrDefault(status, 0L));
            }
            live.add(id);
        }
    }

    private void driftGauge(MeterRegistry meters, String name, String description, Tags tags, String id,
                            ToDoubleFunction<DriftScore> value, String unit) {
        gauge(meters, name, description, tags, unit, s -> {
            DriftScore d = s.drift().get(id);
            return d == null ? Double.NaN : value.applyAsDouble(d);
        });
    }

    private void seriesGauge(MeterRegistry meters, String name, String description, Tags tags, MarketKey market,
                             ToDoubleFunction<SeriesFigures> value, String unit) {
        gauge(meters, name, description, tags, unit, s -> {
            SeriesFigures f = s.series().get(market);
            return f == null ? Double.NaN : value.applyAsDouble(f);
        });
    }

    private void strategyGauge(MeterRegistry meters, String name, String description, Tags tags, String id,
                               ToDoubleFunction<StrategyFigures> value, String unit) {
        gauge(meters, name, description, tags, unit, s -> s.strategies().getOrDefault(id, Optional.empty())
                .map(value::applyAsDouble).orElse(Double.NaN));
    }

    private void gauge(MeterRegistry meters, String name, String description, Tags tags, String unit,
                       Function<Snapshot, Double> value) {
        Gauge.builder(name, this, g -> {
            Snapshot s = g.current();
            return s == null ? Double.NaN : value.apply(s);
        }).description(description).tags(tags).baseUnit(unit).strongReference(true).register(meters);
    }

    /** The figures of every series and strategy, read again when older than {@link #FRESH}; null when unreadable. */
    private synchronized Snapshot current() {
        long now = System.nanoTime();
        if (snapshot != null && now - snapshot.readAt() < FRESH.toNanos()) {
            return snapshot;
        }
        try {
            Map<MarketKey, SeriesFigures> s = new LinkedHashMap<>();
            series.forEach(m -> s.put(m, figures.series(m)));
            Map<String, Optional<StrategyFigures>> st = new LinkedHashMap<>();
            strategies.forEach(id -> st.put(id, figures.strategy(id)));
            snapshot = new Snapshot(now, s, st, strategies.isEmpty() ? Map.of() : figures.drift(),
                    live.isEmpty() ? Map.of() : figures.orders());
            return snapshot;
        } catch (RuntimeException e) {
            log.debug("metrics: the figures could not be read: {}", e.getMessage());
            return null;
        }
    }

    private static double orNaN(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : Double.NaN;
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
