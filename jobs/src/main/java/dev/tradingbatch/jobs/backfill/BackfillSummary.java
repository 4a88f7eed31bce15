package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.readers.ExchangeCandleItemReader;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** What a backfill step did, from the counts its reader and writer keep in the step's execution context. */
public record BackfillSummary(long pages, long stored, long present, long rejected) {

    public static BackfillSummary of(StepExecution step) {
        ExecutionContext ctx = step.getExecutionContext();
        return new BackfillSummary(ctx.getLong(ExchangeCandleItemReader.PAGES, 0),
                ctx.getLong(CandleItemWriter.STORED, 0), ctx.getLong(CandleItemWriter.PRESENT, 0),
                ctx.getLong(CandleItemWriter.REJECTED, 0));
    }

    /**
     * The summary line's counts: {@code 2 pages fetched, 1500 stored, 0 already present, 1 rejected}, saying when
     * only the first rejected rows were kept.
     */
    public String counts() {
        return pages + (pages == 1 ? " page" : " pages") + " fetched, " + stored + " stored, " + present
                + " already present, " + rejected + " rejected" + (rejected > CandleItemWriter.KEPT_REJECTED
                ? " (the first " + CandleItemWriter.KEPT_REJECTED + " kept in rejected_candles)" : "");
    }
}
