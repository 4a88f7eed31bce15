package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.Exchanges;
import org.quartz.CronExpression;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * What a service of a given role fires, and when, from the configuration: per configured series a
 * backfill {@code delay} after each candle closes and a gap fill on {@code gap-fill-cron}; per
 * strategy an evaluation after its candle closes (in role {@code all} chained right after the backfill
 * of its series instead, when this process backfills it).
 */
@Component
public class SchedulePlan {

    private final TradingProperties properties;
    private final DeclaredStrategies strategies;
    private final Clock clock;

    SchedulePlan(TradingProperties properties, DeclaredStrategies strategies, Clock clock) {
        this.properties = properties;
        this.strategies = strategies;
        this.clock = clock;
    }

    /** The configured series, checked: exchange, symbol and timeframes the exchange serves. */
    public List<MarketKey> markets() {
        Set<MarketKey> keys = new LinkedHashSet<>();
        for (TradingProperties.MarketProperties m : properties.markets()) {
            String exchange = m.exchange() == null ? "" : m.exchange().toLowerCase(Locale.ROOT);
            Exchange known = Exchanges.find(exchange).orElseThrow(() -> new BadInputException(
                    "trading.markets: unknown exchange '" + m.exchange() + "' (expected "
                            + String.join(", ", Exchanges.names()) + ")"));
            String symbol = m.symbol() == null ? "" : m.symbol().toUpperCase(Locale.ROOT);
            if (!MarketKey.isSymbol(symbol)) {
                throw new BadInputException("trading.markets: symbol '" + m.symbol() + "' of " + exchange
                        + " is not BASE/QUOTE, e.g. BTC/USDT");
            }
            if (m.timeframes() == null || m.timeframes().isEmpty()) {
                throw new BadInputException("trading.markets: " + exchange + " " + symbol + " has no timeframes");
            }
            for (String code : m.timeframes()) {
                Timeframe tf;
                try {
                    tf = Timeframe.parse(code);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("trading.markets: " + exchange + " " + symbol + ": " + e.getMessage());
                }
                if (!known.timeframes().contains(tf)) {
                    throw new BadInputException("trading.markets: " + exchange + " does not serve " + code + " candles");
                }
                keys.add(new MarketKey(exchange, symbol, tf));
            }
        }
        return List.copyOf(keys);
    }

    /** How far back the first backfill of a configured series starts. */
    public Duration history(MarketKey market) {
        return properties.markets().stream()
                .filter(m -> market.exchange().equalsIgnoreCase(m.exchange()) && market.symbol().equalsIgnoreCase(m.symbol()))
                .map(TradingProperties.MarketProperties::history).findFirst()
                .orElse(properties.backfill().defaultHistory());
    }

    /** How long the candles of a configured series are kept, when limited. */
    public java.util.Optional<Duration> retention(MarketKey market) {
        return properties.markets().stream()
                .filter(m -> market.exchange().equalsIgnoreCase(m.exchange()) && market.symbol().equalsIgnoreCase(m.symbol()))
                .map(TradingProperties.MarketProperties::retention).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The runs of a service of this role; {@code strategyIds} empty means every declared strategy. */
    public List<PlannedRun> plan(Role role, List<String> strategyIds) {
        if (role == Role.BACKFILLER && !strategyIds.isEmpty()) {
            throw new BadInputException("--strategy goes with --role trader or all, not backfiller");
        }
        if (role == Role.SWEEP_WORKER) {
            // nothing scheduled: it runs the partitions remote sweeps send it
            if (!strategyIds.isEmpty()) {
                throw new BadInputException("--strategy goes with --role trader or all, not sweep-worker");
            }
            return List.of();
        }
        List<MarketKey> markets = role.backfills() ? markets() : List.of();
        if (role == Role.BACKFILLER && markets.isEmpty()) {
            throw new BadInputException("a backfiller needs markets to keep: none configured under trading.markets");
        }
        List<DeclaredStrategy> traders = new ArrayList<>();
        if (role.trades()) {
            if (strategyIds.isEmpty()) {
                traders.addAll(strategies.all());
            } else {
                strategyIds.forEach(id -> traders.add(strategies.get(id)));
            }
            if (role == Role.TRADER && traders.isEmpty()) {
                throw new BadInputException("a trader needs strategies: none declared under trading.strategies");
            }
        }
        Instant now = clock.instant();
        Duration delay = properties.schedule().delay();
        String cron = properties.schedule().gapFillCron();
        List<PlannedRun> runs = new ArrayList<>();
        for (MarketKey m : markets) {
            List<String> chained = traders.stream().filter(t -> t.market().equals(m)).map(DeclaredStrategy::id).toList();
            runs.add(new PlannedRun(PlannedRun.Kind.BACKFILL, m, null, Duration.ofMillis(m.timeframe().millis()), null,
                    nextAfterClose(m.timeframe(), delay, now), role == Role.ALL ? chained : List.of(), null));
            runs.add(new PlannedRun(PlannedRun.Kind.FILL_GAPS, m, null, null, cron, nextCron(cron, now), List.of(), null));
            if (retention(m).isPresent()) {
                String retentionCron = properties.schedule().retentionCron();
                runs.add(new PlannedRun(PlannedRun.Kind.RETENTION, m, null, null, retentionCron,
                        nextCron(retentionCron, now), List.of(), null));
            }
        }
        for (DeclaredStrategy t : traders) {
            if (role == Role.ALL && markets.contains(t.market())) {
                continue;   // evaluated right after its backfill
            }
            runs.add(new PlannedRun(PlannedRun.Kind.EVALUATE, t.market(), t.id(),
                    Duration.ofMillis(t.market().timeframe().millis()), null,
                    nextAfterClose(t.market().timeframe(), delay, now), List.of(), null));
        }
        // the accounts of its live strategies: reconciled when the service starts, then every reconcile-interval
        Duration every = properties.schedule().reconcileInterval();
        traders.stream().map(t -> strategies.liveAccount(t.id())).flatMap(java.util.Optional::stream)
                .map(dev.tradingbatch.jobs.live.Account::name).distinct().sorted()
                .forEach(a -> runs.add(new PlannedRun(PlannedRun.Kind.RECONCILE, null, null, every, null,
                        now.plus(every), List.of(), a)));
        // alerts (docs/operations.md): scanned and sent when the service starts, then every trading.alerts.interval
        if (properties.alerts().enabled()) {
            Duration alerts = properties.alerts().interval();
            runs.add(new PlannedRun(PlannedRun.Kind.ALERTS, null, null, alerts, null, now.plus(alerts), List.of(), null));
        }
        // drift (docs/strategies.md): the trader's strategies compared with their replay every trading.drift.interval;
        // none named: every declared one (the job's parameter stays short however many there are)
        if (!traders.isEmpty() && properties.drift().enabled()) {
            Duration drift = properties.drift().interval();
            runs.add(new PlannedRun(PlannedRun.Kind.DRIFT, null, null, drift, null, now.plus(drift),
                    strategyIds.isEmpty() ? List.of() : traders.stream().map(DeclaredStrategy::id).toList(), null));
        }
        return runs;
    }

    /** The first instant after {@code now} that is {@code delay} after a candle close. */
    static Instant nextAfterClose(Timeframe tf, Duration delay, Instant now) {
        long t = tf.floor(now.toEpochMilli()) + delay.toMillis();
        while (t <= now.toEpochMilli()) {
            t += tf.millis();
        }
        return Instant.ofEpochMilli(t);
    }

    static Instant nextCron(String cron, Instant now) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone("UTC"));
            return expression.getNextValidTimeAfter(Date.from(now)).toInstant();
        } catch (ParseException e) {
            throw new BadInputException("trading.schedule.gap-fill-cron '" + cron + "' is not a Quartz cron expression: "
                    + e.getMessage());
        }
    }
}
