package dev.tradingbatch.jobs.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a producer of items (a query streaming rows) on a thread of its own while the calling thread
 * consumes what it produced, in order: reading and decoding the next rows overlaps with evaluating
 * the previous ones. Items cross in batches, and at most {@value #BATCHES_AHEAD} batches wait, so
 * memory stays bounded whatever the producer's speed. The call returns once both sides are done; a
 * failure on either side stops the other and is thrown to the caller.
 */
final class ReadAhead {

    static final int BATCH = 4096;
    static final int BATCHES_AHEAD = 4;

    /** Marks the end of the items; a failure of the producer is handed over in its place. */
    private record End(Throwable failure) {
    }

    private ReadAhead() {
    }

    /**
     * Calls {@code producer} on a new thread with a sink for its items, and {@code consumer} on the
     * calling thread for each item, in the order produced.
     */
    static <T> void run(Consumer<Consumer<T>> producer, Consumer<T> consumer, String threadName) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread thread = Thread.ofPlatform().name(threadName).daemon().unstarted(() -> {
            Throwable failure = null;
            try {
                List<T>[] batch = newBatch();
                producer.accept(item -> {
                    batch[0].add(item);
                    if (batch[0].size() == BATCH) {
                        put(queue, batch[0], stopped);
                        batch[0] = new ArrayList<>(BATCH);
                    }
                });
                if (!batch[0].isEmpty()) {
                    put(queue, batch[0], stopped);
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (!stopped.get()) {
                try {
                    put(queue, new End(failure), stopped);
                } catch (CancellationException e) {
                    // the consumer stopped meanwhile: nobody waits for the end
                }
            }
        });
        thread.start();
        try {
            consume(queue, consumer);
        } catch (RuntimeException | Error e) {
            stopped.set(true);
            thread.interrupt();
            throw e;
        } finally {
            joinUninterruptibly(thread);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void consume(BlockingQueue<Object> queue, Consumer<T> consumer) {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the next rows");
            }
            if (next instanceof End end) {
                if (end.failure() == null) {
                    return;
                }
                if (end.failure() instanceof RuntimeException e) {
                    throw e;
                }
                if (end.failure() instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(end.failure());
            }
            for (T item : (List<T>) next) {
                consumer.accept(item);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] newBatch() {
        return new List[] {new ArrayList<T>(BATCH)};
    }

    /** Waits for room; stops the producer once the consumer has given up. */
    private static void put(BlockingQueue<Object> queue, Object batch, AtomicBoolean stopped) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    throw new CancellationException("the consumer stopped");
                }
            }
        } catch (InterruptedException e) {
            throw new CancellationException("the consumer stopped");
        }
        if (stopped.get()) {
            throw new CancellationException("the consumer stopped");
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
