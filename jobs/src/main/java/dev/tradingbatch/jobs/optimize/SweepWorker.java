package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.config.TradingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * {@code run --role sweep-worker}: takes partition requests of remote sweeps from the RabbitMQ queue
 * {@code trading.sweep.queue} and runs each as its {@code optimizeSetsStep} execution, in the job repository the
 * manager shares (Spring Batch Integration's {@link StepExecutionRequestHandler}), {@code trading.sweep.worker-threads}
 * at a time. The manager learns the outcome from the repository, so nothing is replied.
 * <p>
 * Each thread holds one request at a time, acknowledged once its partition has ended, so that requests wait at the
 * broker for whichever worker is free. A worker killed mid-partition leaves the partition STARTED and its request
 * unacknowledged: the broker hands the request to another worker, which drops it, as it drops any request whose
 * partition is no longer waiting to start; the manager marks the partition FAILED after
 * {@code trading.sweep.remote-timeout} and the sweep's restart runs it again. No partition runs twice.
 */
public class SweepWorker {

    private static final Logger log = LoggerFactory.getLogger(SweepWorker.class);

    private final ConnectionFactory connections;
    private final AmqpAdmin admin;
    private final JobRepository jobRepository;
    private final SweepCandles candles;
    private final TradingProperties properties;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private SimpleMessageListenerContainer container;

    SweepWorker(ConnectionFactory connections, AmqpAdmin admin, JobRepository jobRepository, Step optimizeSetsStep,
                SweepCandles candles, TradingProperties properties) {
        this.connections = connections;
        this.admin = admin;
        this.jobRepository = jobRepository;
        this.candles = candles;
        this.properties = properties;
        handler.setJobRepository(jobRepository);
        StepLocator onlySetsStep = stepName -> {
            if (!JobNames.OPTIMIZE_SETS_STEP.equals(stepName)) {
                throw new IllegalArgumentException("a sweep worker runs " + JobNames.OPTIMIZE_SETS_STEP + " only, not "
                        + stepName);
            }
            return optimizeSetsStep;
        };
        handler.setStepLocator(onlySetsStep);
    }

    /** Where the requests come from, and how many partitions run at a time. */
    public record Listening(String queue, int threads) {
    }

    /** Declares the queue and starts taking requests (the first connection to RabbitMQ is made here). */
    public synchronized Listening start() {
        TradingProperties.Sweep sweep = properties.sweep();
        PartitionRequests.declare(admin, sweep.queue());
        container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(sweep.queue());
        container.setConcurrentConsumers(sweep.threads());
        // one request at a time per thread, acknowledged when its partition has ended: the others wait at the broker
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        // a request that could not be handled (the database unreachable) is dropped, not handed round forever:
        // its partition stays waiting and the manager's timeout fails the sweep
        container.setDefaultRequeueRejected(false);
        container.setShutdownTimeout(properties.schedule().shutdownGrace().toMillis());
        container.setMessageListener(this::take);
        container.start();
        return new Listening(sweep.queue(), sweep.threads());
    }

    /** Stops taking requests; waits for the partitions running, at most {@code trading.schedule.shutdown-grace}. */
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    private void take(Message message) {
        StepExecutionRequest request;
        try {
            request = PartitionRequests.decode(message);
        } catch (IllegalArgumentException e) {
            log.warn("dropped a message on the sweep queue: {}", e.getMessage());
            return;
        }
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            log.warn("dropped the request for step execution {}: not in this worker's job repository (is it the "
                    + "manager's database?)", request.getStepExecutionId());
            return;
        }
        if (partition.getStatus() != BatchStatus.STARTING) {
            log.info("dropped the request for {} (step execution {}): it is {} already", partition.getStepName(),
                    partition.getId(), partition.getStatus());
            return;
        }
        // a worker serves the sweep of its latest request: earlier sweeps' candles go (their jobs end elsewhere)
        candles.retainOnly(partition.getJobExecutionId());
        log.info("computing {} of job execution {} (step execution {})", partition.getStepName(),
                partition.getJobExecutionId(), partition.getId());
        StepExecution done = handler.handle(request);
        log.info("{} of job execution {}: {} ({})", done.getStepName(), done.getJobExecutionId(), done.getStatus(),
                done.getExitStatus().getExitDescription());
    }
}
