package dev.tradingbatch.jobs.support;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ApplicationContext;

import java.util.List;

/**
 * Launching one job of the started application with Spring Batch's test utilities, and reading back what its
 * steps counted: the job tests check an execution the way {@code jobs show} reports it.
 */
public final class JobTests {

    private JobTests() {
    }

    /** Spring Batch's test utilities for the application's job named {@code jobName}. */
    public static JobOperatorTestUtils launcher(ApplicationContext app, String jobName) {
        JobOperatorTestUtils utils = new JobOperatorTestUtils(app.getBean(JobOperator.class),
                app.getBean(JobRepository.class));
        utils.setJob(app.getBean(jobName, Job.class));
        return utils;
    }

    /** The names of an execution's steps, in the order they ran. */
    public static List<String> stepNames(JobExecution execution) {
        return execution.getStepExecutions().stream().map(StepExecution::getStepName).toList();
    }

    /** The execution of step {@code name} in {@code execution}. */
    public static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + stepNames(execution)));
    }

    /** What a step counted, as {@code jobs show} prints it: items read, written, filtered, skipped; commits, rollbacks. */
    public record Counts(long read, long written, long filtered, long skipped, long commits, long rollbacks) {

        public static Counts of(StepExecution step) {
            return new Counts(step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount(),
                    step.getCommitCount(), step.getRollbackCount());
        }
    }
}
