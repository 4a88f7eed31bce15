package dev.tradingbatch.jobs.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    @Test
    void shouldHandOverEveryItemInOrder() {
        List<Integer> seen = new ArrayList<>();

        ReadAhead.<Integer>run(sink -> {
            for (int i = 0; i < 3 * ReadAhead.BATCH + 17; i++) {
                sink.accept(i);
            }
        }, seen::add, "test-read-ahead");

        assertThat(seen).hasSize(3 * ReadAhead.BATCH + 17);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void shouldThrowTheProducersFailureAfterWhatItProducedBefore() {
        List<Integer> seen = new ArrayList<>();

        assertThatThrownBy(() -> ReadAhead.<Integer>run(sink -> {
            for (int i = 0; i < ReadAhead.BATCH; i++) {
                sink.accept(i);
            }
            throw new IllegalStateException("the database went away");
        }, seen::add, "test-read-ahead")).isInstanceOf(IllegalStateException.class).hasMessage("the database went away");
        assertThat(seen).hasSize(ReadAhead.BATCH);
    }

    @Test
    void shouldStopTheProducerWhenTheConsumerFails() {
        AtomicLong produced = new AtomicLong();

        assertThatThrownBy(() -> ReadAhead.<Long>run(sink -> {
            for (long i = 0; i < 1_000_000_000L; i++) {
                sink.accept(i);
                produced.incrementAndGet();
            }
        }, i -> {
            if (i == 10) {
                throw new IllegalArgumentException("candle 10 is wrong");
            }
        }, "test-read-ahead")).isInstanceOf(IllegalArgumentException.class).hasMessage("candle 10 is wrong");
        // the call returned only once the producer had stopped: at most the batches that fit ahead, and one more
        assertThat(produced.get()).isLessThanOrEqualTo((ReadAhead.BATCHES_AHEAD + 2L) * ReadAhead.BATCH);
    }
}
