package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.jobs.operations.Progress;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.builder.TaskletStepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The candle steps' chunk loop (backfill, gap filling): each call of the tasklet reads up to a chunk of
 * candles, hands them to the writer and counts both, inside the transaction the tasklet step opens for
 * the call. Before each commit the step saves the reader's and the writer's state with the step's
 * counts, and between chunks it stops when asked to (in this process or, through the job repository,
 * from another one), just as a chunk-oriented step does; a restart resumes after the last commit.
 * <p>
 * Spring Batch's chunk-oriented step does bookkeeping for every item (a Micrometer observation with two
 * tags built from concatenated strings, a JFR event, listener calls, once for reading and once more for
 * processing, though these steps process nothing); for a million candles that was a large part of a
 * backfill's time. Here that happens once per chunk, and the reader is called directly.
 */
public final class CandleChunks implements Tasklet {

    private final ItemStreamReader<RawCandle> reader;
    private final ItemStreamWriter<RawCandle> writer;
    private final int chunkSize;

    private CandleChunks(ItemStreamReader<RawCandle> reader, ItemStreamWriter<RawCandle> writer, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        this.reader = reader;
        this.writer = writer;
        this.chunkSize = chunkSize;
    }

    /**
     * A step named {@code name} that moves candles from {@code reader} to {@code writer} in transactions
     * of {@code chunkSize}, showing its {@code progress}; add listeners to the returned builder and build it.
     */
    public static TaskletStepBuilder step(String name, JobRepository jobRepository,
                                          PlatformTransactionManager transactionManager,
                                          ItemStreamReader<RawCandle> reader, ItemStreamWriter<RawCandle> writer,
                                          int chunkSize, Progress progress) {
        return new StepBuilder(name, jobRepository)
                .tasklet(new CandleChunks(reader, writer, chunkSize), transactionManager)
                .stream(reader)
                .stream(writer)
                .listener((ChunkListener<?, ?>) progress)
                .listener((StepExecutionListener) progress);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Chunk<RawCandle> chunk = new Chunk<>();
        RawCandle candle = null;
        while (chunk.size() < chunkSize && (candle = reader.read()) != null) {
            chunk.add(candle);
            contribution.incrementReadCount();
        }
        if (!chunk.isEmpty()) {
            writer.write(chunk);
            contribution.incrementWriteCount(chunk.size());
        }
        return candle == null ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }
}
