package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.replay.Backtest;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.IndicatorCache;
import dev.tradingbatch.strategies.metrics.CandleCloses;
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
 * every partition and set (each set skips the warm-up candles it does not need), with the indicators the sets share
 * ({@link IndicatorCache}: the RSI of one period computed once for every pair of thresholds). A partition that asks
 * while another reads waits for that read. Dropped when the sweep's execution ends, whatever its status.
 */
class SweepCandles implements JobExecutionListener {

    /**
     * A sweep execution's candles, oldest first, the indicators its sets share over them, and the closes of the
     * candles every set evaluates (those from the sweep's first on), kept once for all sets.
     */
    record Shared(List<StoredCandle> candles, IndicatorCache indicators, CandleCloses evaluated) {
    }

    private final CandleRepository candles;
    private final long maxSharedValues;
    private final Map<Long, CompletableFuture<Shared>> byExecution = new ConcurrentHashMap<>();

    /** Sharing indicators of at most {@link IndicatorCache#defaultBound()} values per sweep execution. */
    SweepCandles(CandleRepository candles) {
        this.candles = candles;
        this.maxSharedValues = IndicatorCache.defaultBound();
    }

    /**
     * The stored candles of {@code market} with open time in {@code [loadFrom, to)}, oldest first, read once; the
     * candles from {@code from} on are the evaluated ones.
     */
    Shared get(long executionId, MarketKey market, long loadFrom, long from, long to) {
        CompletableFuture<Shared> mine = new CompletableFuture<>();
        CompletableFuture<Shared> theirs = byExecution.putIfAbsent(executionId, mine);
        if (theirs != null) {
            return theirs.join();
        }
        try {
            List<StoredCandle> read = new ArrayList<>();
            candles.forEachStored(market, loadFrom, to, read::add);
            List<StoredCandle> series = Collections.unmodifiableList(read);
            List<StoredCandle> evaluated = series.stream().filter(c -> c.openTime() >= from).toList();
            mine.complete(new Shared(series, new IndicatorCache(series, market.timeframe(), maxSharedValues),
                    Backtest.closes(evaluated)));
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
