package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.readers.ExchangeCandleItemReader;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a backfill step did, from the counts its reader and writer keep in the step's execution context.
 *
 * @param differing candles derived from trades that differ from those the exchange published for the same intervals
 */
public record BackfillSummary(long pages, long stored, long present, long rejected, long differing) {

    public BackfillSummary(long pages, long stored, long present, long rejected) {
        this(pages, stored, present, rejected, 0);
    }

    public static BackfillSummary of(StepExecution step) {
        ExecutionContext ctx = step.getExecutionContext();
        return new BackfillSummary(ctx.getLong(ExchangeCandleItemReader.PAGES, 0),
                ctx.getLong(CandleItemWriter.STORED, 0), ctx.getLong(CandleItemWriter.PRESENT, 0),
                ctx.getLong(CandleItemWriter.REJECTED, 0), ctx.getLong(ExchangeCandleItemReader.DIFFERENCES, 0));
    }

    /**
     * The summary line's counts: {@code 2 pages fetched, 1500 stored, 0 already present, 1 rejected}, saying when
     * only the first rejected rows were kept, and how many derived candles differ from the published ones.
     */
    public String counts() {
        return pages + (pages == 1 ? " page" : " pages") + " fetched, " + stored + " stored, " + present
                + " already present, " + rejected + " rejected" + (rejected > CandleItemWriter.KEPT_REJECTED
                ? " (the first " + CandleItemWriter.KEPT_REJECTED + " kept in rejected_candles)" : "")
                + (differing == 0 ? "" : "; " + differing + (differing == 1 ? " candle" : " candles")
                + " derived from trades differ from the exchange's (the published kept; see the log)");
    }
}
