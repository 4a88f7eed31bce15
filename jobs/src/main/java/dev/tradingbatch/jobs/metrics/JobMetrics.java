package dev.tradingbatch.jobs.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Each job run of this process as the timer {@code trading.job.duration} ({@code trading_job_duration_seconds}
 * in Prometheus: {@code _count} runs, {@code _sum} seconds), by job name and final status: failures are the runs
 * with {@code status="FAILED"}. Counted per process, from its start, as Prometheus counters are. The label is
 * {@code job_name}, not {@code job}, which Prometheus gives every scraped target.
 */
@Component
public class JobMetrics {

    static final String DURATION = "trading.job.duration";

    private final ObjectProvider<MeterRegistry> registry;

    /** The registry is there in a process that serves metrics only ({@link ManagementServer}). */
    JobMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Records a run that has ended (the job listener's afterJob); its start and end times are Spring Batch's. */
    public void afterJob(JobExecution execution) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        Timer.builder(DURATION).description("job runs of this process and how long they took")
                .tag("job_name", execution.getJobInstance().getJobName())
                .tag("status", execution.getStatus().name())
                .register(meters)
                .record(took.isNegative() ? Duration.ZERO : took);
    }
}
