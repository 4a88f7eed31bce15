package dev.tradingbatch.jobs.backfill;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

import java.util.function.Function;

/**
 * A step that builds the step it runs for each execution, from that execution (its job parameters):
 * the built step holds its reader itself, so the chunk loop calls it directly for every item, where a
 * {@code @StepScope} reader bean is a proxy that looks its target up through the step scope on each
 * call. Unlike a {@code @JobScope} step bean, this one answers {@link #getName()} outside a running
 * job, as {@code JobOperator.stop} from another thread needs.
 */
final class PerExecutionStep implements Step {

    private final String name;
    private final Function<StepExecution, Step> build;

    /** {@code build} makes the step named {@code name} for an execution. */
    PerExecutionStep(String name, Function<StepExecution, Step> build) {
        this.name = name;
        this.build = build;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
        Step step = build.apply(stepExecution);
        if (!name.equals(step.getName())) {
            throw new IllegalStateException("built step '" + step.getName() + "' for step '" + name + "'");
        }
        step.execute(stepExecution);
    }
}
