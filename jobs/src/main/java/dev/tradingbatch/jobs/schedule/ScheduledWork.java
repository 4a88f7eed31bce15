package dev.tradingbatch.jobs.schedule;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.MarketKey;
import dev.tradingbatch.db.Timeframe;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.gaps.GapFills;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a scheduled fire does, through the same services as the commands: a backfill of one series
 * (from where it is stored, or its configured history), followed in role {@code all} by the
 * evaluation of the strategies trading it; a gap fill; an evaluation that first waits, bounded, for
 * the backfiller to store the candle that just closed. Every outcome is logged.
 */
@Service
public class ScheduledWork {

    private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);

    private final BackfillService backfill;
    private final GapFills gapFills;
    private final EvaluateService evaluate;
    private final DeclaredStrategies strategies;
    private final CandleRepository candles;
    private final SchedulePlan plan;
    private final TradingProperties properties;
    private final Clock clock;

    ScheduledWork(BackfillService backfill, GapFills gapFills, EvaluateService evaluate, DeclaredStrategies strategies,
                  CandleRepository candles, SchedulePlan plan, TradingProperties properties, Clock clock) {
        this.backfill = backfill;
        this.gapFills = gapFills;
        this.evaluate = evaluate;
        this.strategies = strategies;
        this.candles = candles;
        this.plan = plan;
        this.properties = properties;
        this.clock = clock;
    }

    /** Backfills the series up to its last closed candle, then evaluates {@code chained} strategies. */
    public void backfill(MarketKey market, List<String> chained) {
        String from = candles.latestOpenTime(market).isPresent() ? null
                : Instant.ofEpochMilli(market.timeframe().ceil(clock.millis() - plan.history(market).toMillis())).toString();
        int code = logged("backfill " + market, out -> backfill.run(BackfillRequest.parse(market.exchange(),
                market.symbol(), market.timeframe().code(), from, null, null, null), out));
        if (code == 0) {
            chained.forEach(id -> logged("evaluate " + id, out -> evaluate.run(id, out)));
        }
    }

    public void fillGaps(MarketKey market) {
        logged("fill gaps " + market, out -> gapFills.fill(market, null, null, out));
    }

    /** Evaluates a strategy once the candle that just closed is stored, waiting at most {@code wait-for-candle}. */
    public void evaluate(String strategyId) throws InterruptedException {
        DeclaredStrategy s = strategies.get(strategyId);
        Timeframe tf = s.market().timeframe();
        long deadline = System.nanoTime() + properties.schedule().waitForCandle().toNanos();
        while (true) {
            long through = tf.floor(clock.millis()) - tf.millis();
            OptionalLong latest = candles.latestOpenTime(s.market());
            if ((latest.isPresent() && latest.getAsLong() >= through) || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(properties.schedule().pollInterval().toMillis());
        }
        logged("evaluate " + strategyId, out -> evaluate.run(strategyId, out));
    }

    /** Runs one piece of work, logging what it printed; a failure is logged, never thrown into the scheduler. */
    private int logged(String what, Work work) {
        StringWriter text = new StringWriter();
        int code;
        try (PrintWriter out = new PrintWriter(text)) {
            code = work.run(out);
        } catch (RuntimeException e) {
            log.error("{}: {}", what, e.getMessage());
            return 1;
        }
        for (String line : text.toString().strip().split("\n")) {
            if (!line.isBlank()) {
                if (code == 0) {
                    log.info("{}", line);
                } else {
                    log.warn("{}", line);
                }
            }
        }
        return code;
    }

    @FunctionalInterface
    private interface Work {
        int run(PrintWriter out);
    }
}
