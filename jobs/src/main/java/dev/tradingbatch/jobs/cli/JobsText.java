package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.operations.ExecutionText;
import dev.tradingbatch.jobs.operations.JobsService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code jobs list|show|restart|stop|abandon} print. */
final class JobsText {

    private static final String ROW = "%-6s %-20s %-10s %-19s %9s  %s";

    private JobsText() {
    }

    /** A row per execution, newest first, under a header. */
    static List<String> listing(JobsService.Listing listing) {
        if (listing.executions().isEmpty()) {
            return List.of("no job executions" + (listing.filtered() ? " match" : " recorded yet"));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(ROW, "ID", "JOB", "STATUS", "STARTED", "DURATION", "PARAMETERS / EXIT"));
        for (JobExecution e : listing.executions()) {
            String exit = ExecutionText.firstLine(e.getExitStatus().getExitDescription());
            lines.add(String.format(ROW, e.getId(), e.getJobInstance().getJobName(), e.getStatus(),
                    ExecutionText.time(e.getStartTime()), ExecutionText.duration(e),
                    ExecutionText.parameters(e.getJobParameters())
                            + (exit.isEmpty() ? "" : "  " + ExecutionText.shorten(exit, 120))));
        }
        return lines;
    }

    /** Parameters, status, times, each step's counts and the exit message. */
    static List<String> detail(JobsService.Detail detail) {
        JobExecution e = detail.execution();
        List<String> lines = new ArrayList<>();
        lines.add("execution " + e.getId() + " of " + e.getJobInstance().getJobName() + " (instance "
                + e.getJobInstance().getInstanceId() + ")");
        lines.add("  status:     " + e.getStatus() + " (exit code " + e.getExitStatus().getExitCode() + ")");
        lines.add("  started:    " + ExecutionText.time(e.getStartTime()));
        lines.add("  ended:      " + ExecutionText.time(e.getEndTime()) + "  (" + ExecutionText.duration(e).strip()
                + ")");
        lines.add("  parameters:");
        ExecutionText.parameterLines(e.getJobParameters()).forEach(l -> lines.add("    " + l));
        if (detail.instanceExecutions().size() > 1) {
            lines.add("  executions of this instance: " + detail.instanceExecutions().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        lines.add("  steps:");
        List<StepExecution> steps = new ArrayList<>(e.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getId));
        for (StepExecution s : steps) {
            lines.add("    " + s.getStepName() + ": " + s.getStatus() + ", read " + s.getReadCount() + ", written "
                    + s.getWriteCount() + ", skipped " + s.getSkipCount() + ", commits " + s.getCommitCount()
                    + ", rollbacks " + s.getRollbackCount());
            String summary = ExecutionText.firstLine(s.getExitStatus().getExitDescription());
            if (!summary.isEmpty() && s.getStatus() == BatchStatus.COMPLETED) {
                lines.add("      " + summary);
            }
        }
        String exit = ExecutionText.firstLine(e.getExitStatus().getExitDescription());
        if (!exit.isEmpty()) {
            lines.add("  exit message: " + exit);
        }
        return lines;
    }

    /** The new execution's status, each completed step's summary, and why it failed if it did. */
    static List<String> restarted(JobsService.Restarted r) {
        String name = "execution " + r.id() + " of " + r.jobName();
        List<String> lines = new ArrayList<>();
        r.recovered().map(RunText::recovered).ifPresent(lines::add);
        lines.add("restarted " + name + " as execution " + r.run().getId() + ": " + r.run().getStatus());
        for (StepExecution s : r.run().getStepExecutions()) {
            String summary = ExecutionText.firstLine(s.getExitStatus().getExitDescription());
            if (s.getStatus() == BatchStatus.COMPLETED && !summary.isEmpty()) {
                lines.add("  " + s.getStepName() + ": " + summary);
            }
        }
        if (!r.completed()) {
            lines.add(RunText.failed(ExecutionText.firstLine(r.run().getExitStatus().getExitDescription())));
        }
        return lines;
    }

    static List<String> stopping(JobsService.Changed c) {
        return List.of("asked execution " + c.id() + " of " + c.jobName()
                + " to stop: it stops at its next chunk boundary and can then be restarted");
    }

    static List<String> abandoned(JobsService.Changed c) {
        return List.of("abandoned execution " + c.id() + " of " + c.jobName() + ": it will not be restarted");
    }
}
