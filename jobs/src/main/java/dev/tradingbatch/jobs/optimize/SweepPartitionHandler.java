package dev.tradingbatch.jobs.optimize;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * {@code optimizeStrategyStep}'s partition handler, chosen per execution by its {@code workers} parameter
 * ({@link Workers}): the machine's threads, or the remote workers. The remote one is built when a sweep first asks for
 * it, so that a process that never sweeps remotely never touches RabbitMQ.
 */
class SweepPartitionHandler implements PartitionHandler {

    private final PartitionHandler local;
    private final Supplier<PartitionHandler> remote;

    SweepPartitionHandler(PartitionHandler local, Supplier<PartitionHandler> remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        Workers workers = OptimizeParameters.workers(manager.getJobExecution().getJobParameters());
        return (workers == Workers.REMOTE ? remote.get() : local).handle(splitter, manager);
    }
}
