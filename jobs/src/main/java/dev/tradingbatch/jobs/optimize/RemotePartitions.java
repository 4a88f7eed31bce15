package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.config.TradingProperties;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The manager's side of {@code optimize --workers remote}: Spring Batch Integration's partition handler, each
 * partition's request put on the RabbitMQ queue {@code trading.sweep.queue} ({@link PartitionRequests}), and the
 * partitions' status then polled from the job repository, which the workers share, rather than waiting for replies: a
 * worker that dies sends no reply, and a poll sees what every worker has stored.
 * <p>
 * A partition still running after {@code trading.sweep.remote-timeout} is taken for lost (its worker killed, or no
 * worker listening): it is marked FAILED, so a worker that takes its request later leaves it alone and the restart runs
 * it again, and the sweep fails naming the partitions. The first connection to RabbitMQ is made here, when a remote
 * sweep sends its first request.
 */
class RemotePartitions extends MessageChannelPartitionHandler {

    private final AmqpAdmin admin;
    private final JobRepository jobRepository;
    private final String queue;
    private final String broker;
    private final Duration timeout;

    RemotePartitions(ConnectionFactory connections, AmqpTemplate amqp, AmqpAdmin admin, JobRepository jobRepository,
                     TradingProperties.Sweep sweep) {
        this.broker = connections.getHost() + ":" + connections.getPort();
        this.admin = admin;
        this.jobRepository = jobRepository;
        this.queue = sweep.queue();
        this.timeout = sweep.remoteTimeout();
        MessageChannel toQueue = (message, sendTimeout) -> {
            amqp.send("", queue, PartitionRequests.encode((StepExecutionRequest) message.getPayload()));
            return true;
        };
        setStepName(JobNames.OPTIMIZE_SETS_STEP);
        setMessagingOperations(new MessagingTemplate(toQueue));
        setJobRepository(jobRepository);
        setPollInterval(sweep.pollInterval().toMillis());
        setTimeout(timeout.toMillis());
        setGridSize(sweep.remotePartitions());
        try {
            afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        try {
            PartitionRequests.declare(admin, queue);
            return super.doHandle(manager, partitions);
        } catch (AmqpException e) {
            // the requests not sent would leave their partitions waiting forever: FAILED, for the restart to run
            markLost(partitions);
            // the cause's own words (a refused connection, a failed login), never the settings' password
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            throw new IllegalStateException("RabbitMQ at " + broker + " did not take the partitions for queue " + queue
                    + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                    + cause.getMessage()) + " (see spring.rabbitmq.* in docs/configuration.md)");
        } catch (TimeoutException e) {
            List<String> lost = markLost(partitions);
            throw new IllegalStateException(lost.size() + " of " + partitions.size() + " partitions not ended within "
                    + "trading.sweep.remote-timeout (" + timeout + "), marked FAILED: " + String.join(", ", lost)
                    + " (their worker died, or none listens on the queue); run the same optimize again to continue");
        }
    }

    /** Marks the partitions still running FAILED (their ends never came); returns their names. */
    private List<String> markLost(Set<StepExecution> partitions) {
        List<String> lost = new ArrayList<>();
        for (StepExecution sent : partitions) {
            StepExecution now = jobRepository.getStepExecution(sent.getId());
            if (now != null && now.getStatus().isRunning()) {
                now.setStatus(BatchStatus.FAILED);
                now.setExitStatus(ExitStatus.FAILED.addExitDescription("no worker ended this partition: "
                        + "trading.sweep.remote-timeout (" + timeout + ") passed, or its request was not sent"));
                now.setEndTime(LocalDateTime.now());
                try {
                    jobRepository.update(now);
                    lost.add(now.getStepName());
                } catch (OptimisticLockingFailureException e) {
                    // its worker stored its end meanwhile: not lost
                }
            }
        }
        lost.sort(null);
        return lost;
    }
}
