package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.Exchanges;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code settleNoTradeIntervalsStep}: after a backfill from an exchange that leaves out intervals without trades
 * (Coinbase: {@code Exchange.Limits.noTradesNoCandle}), records the missing ranges it answered for as confirmed
 * empty, so that a trader keeps trading through minutes without trades instead of waiting days for the gap fill
 * to confirm them. The rule: a missing range counts as answered when it lies inside the range this backfill asked
 * for, a later candle is stored (the exchange had data after it), and the backfill asked at least
 * {@code trading.gaps.settle} after the range's last interval closed (a candle published a little late would have
 * been in the answer). A missing range inside a range of candles derived from the exchange's trades (Kraken's deep
 * history) is settled too: the trades went on past it, so it had none. A range the backfill did not ask for, one at the end of what is stored (its later candle
 * may still come), and every range of an exchange that answers a quiet interval with a candle of zero volume
 * (Binance), where a missing candle is a real hole, stay open gaps. Files have no exchange to ask: nothing here.
 */
class SettleNoTradeIntervals implements Tasklet {

    /** Job execution context key: when the backfill asked the exchange (market clock, epoch ms). */
    static final String ASKED_AT = "backfill.askedAt";
    /** Step execution context key: how many ranges were settled. */
    static final String SETTLED = "backfill.settled";

    private final GapRepository gaps;
    private final DerivedCandleRepository derived;
    private final Duration settle;
    private final Clock clock;

    SettleNoTradeIntervals(GapRepository gaps, DerivedCandleRepository derived, Duration settle, Clock clock) {
        this.gaps = gaps;
        this.derived = derived;
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        JobParameters p = step.getJobParameters();
        boolean noTradesNoCandle = Exchanges.find(p.getString("source"))
                .map(e -> e.limits().noTradesNoCandle()).orElse(false);
        int settled = 0;
        MarketKey market = new MarketKey(p.getString("exchange"), p.getString("symbol"),
                Timeframe.parse(p.getString("timeframe")));
        List<DerivedCandleRepository.Range> fromTrades = derived.ranges(market);
        if (noTradesNoCandle || !fromTrades.isEmpty()) {
            long from = p.getLong("from");
            long to = p.getLong("to");
            long askedAt = step.getJobExecution().getExecutionContext().getLong(ASKED_AT, clock.millis());
            List<Gap> answered = gaps.gaps(market, from, to).stream()
                    .filter(g -> !g.confirmedEmpty())
                    .filter(g -> noTradesNoCandle && g.end() < to && g.end() + settle.toMillis() <= askedAt
                            || fromTrades.stream().anyMatch(r -> r.start() <= g.start() && g.end() <= r.end()))
                    .toList();
            for (Gap g : answered) {
                gaps.recordAsk(market, g.start(), g.end(), 0, 1, clock.millis(), step.getJobExecutionId());
            }
            settled = answered.size();
        }
        contribution.incrementWriteCount(settled);
        step.getExecutionContext().putInt(SETTLED, settled);
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(settled == 0 ? ""
                : settled + (settled == 1 ? " range" : " ranges") + " without trades settled"));
        return RepeatStatus.FINISHED;
    }
}
