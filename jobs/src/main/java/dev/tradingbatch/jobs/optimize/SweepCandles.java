package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.StoredCandle;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candles of the sweeps running in this process, read from the database once per sweep execution and shared by
 * every partition and set (each set skips the warm-up candles it does not need). A partition that asks while another
 * reads waits for that read. Dropped when the sweep's execution ends, whatever its status.
 */
class SweepCandles implements JobExecutionListener {

    private final CandleRepository candles;
    private final Map<Long, CompletableFuture<List<StoredCandle>>> byExecution = new ConcurrentHashMap<>();

    SweepCandles(CandleRepository candles) {
        this.candles = candles;
    }

    /** The stored candles of {@code market} with open time in {@code [from, to)}, oldest first, read once. */
    List<StoredCandle> get(long executionId, MarketKey market, long from, long to) {
        CompletableFuture<List<StoredCandle>> mine = new CompletableFuture<>();
        CompletableFuture<List<StoredCandle>> theirs = byExecution.putIfAbsent(executionId, mine);
        if (theirs != null) {
            return theirs.join();
        }
        try {
            List<StoredCandle> read = new ArrayList<>();
            candles.forEachStored(market, from, to, read::add);
            mine.complete(Collections.unmodifiableList(read));
        } catch (RuntimeException | Error e) {
            byExecution.remove(executionId, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /**
     * Drops the candles of every sweep execution but {@code executionId}: a sweep worker runs partitions of jobs that end
     * in another process, so their {@link #afterJob} never comes here.
     */
    void retainOnly(long executionId) {
        byExecution.keySet().removeIf(id -> id != executionId);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        byExecution.remove(jobExecution.getId());
    }
}
