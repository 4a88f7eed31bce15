package dev.tradingbatch.jobs.optimize;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import java.nio.charset.StandardCharsets;

/**
 * A remote sweep's partition request as it travels on RabbitMQ: the step's name and the partition's step execution
 * id, as one line of text ({@code optimizeSetsStep 42}). Plain text rather than Java serialization: a worker never
 * deserializes classes a message names. Everything else a worker needs is in the job repository.
 */
final class PartitionRequests {

    private PartitionRequests() {
    }

    /** Declares the queue (durable: requests outlive a broker restart); declaring it again changes nothing. */
    static void declare(AmqpAdmin admin, String queue) {
        admin.declareQueue(new Queue(queue, true, false, false));
    }

    static Message encode(StepExecutionRequest request) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        String body = request.getStepName() + " " + request.getStepExecutionId();
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    /** The request in {@code message}; {@link IllegalArgumentException} for a message that is not one. */
    static StepExecutionRequest decode(Message message) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        String[] parts = body.trim().split(" ");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a partition request: '" + abbreviate(body) + "'");
        }
        try {
            return new StepExecutionRequest(parts[0], Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a partition request: '" + abbreviate(body) + "'");
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 80 ? body : body.substring(0, 80) + "...";
    }
}
