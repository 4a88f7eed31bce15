package dev.tradingbatch.jobs.optimize;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Duration;

/**
 * Test only (on the classpath of the child JVMs the process tests start): with {@code test.sweep.set-delay} set, a
 * sweep's worker waits that long before each set, so that a test can kill a worker in the middle of a partition.
 * Without the property nothing changes.
 */
@AutoConfiguration
@ConditionalOnProperty("test.sweep.set-delay")
class SlowSweepSets {

    @Bean
    @Primary
    SweepSetHook slowSweepSetHook(@Value("${test.sweep.set-delay}") Duration delay) {
        return setIndex -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before set " + setIndex, e);
            }
        };
    }
}
