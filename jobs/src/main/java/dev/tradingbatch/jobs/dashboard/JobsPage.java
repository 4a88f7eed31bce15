package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.operations.ExecutionText;
import org.springframework.batch.core.job.JobExecution;

import java.util.List;

/** {@code /jobs}: the newest job executions with their status and exit message, as {@code jobs list} prints them. */
final class JobsPage {

    private static final List<String> HEADER =
            List.of("ID", "JOB", "STATUS", "STARTED", "DURATION", "PARAMETERS", "EXIT MESSAGE");
    private static final List<Boolean> NUMERIC = List.of(true, false, false, false, true, false, false);

    private JobsPage() {
    }

    static String render(List<JobExecution> executions, String footer) {
        if (executions.isEmpty()) {
            return Layout.page("Jobs", "/jobs", "<p class=\"none\">no job executions recorded yet</p>", footer);
        }
        StringBuilder rows = new StringBuilder();
        for (JobExecution e : executions) {
            String status = e.getStatus().toString();
            rows.append("<tr class=\"").append(status.toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(Layout.cell(String.valueOf(e.getId()), true))
                    .append(Layout.cell(e.getJobInstance().getJobName(), false)).append(Layout.cell(status, false))
                    .append(Layout.cell(ExecutionText.time(e.getStartTime()), false))
                    .append(Layout.cell(ExecutionText.duration(e).strip(), true))
                    .append(Layout.cell(ExecutionText.parameters(e.getJobParameters()), false))
                    .append(Layout.cell(ExecutionText.firstLine(e.getExitStatus().getExitDescription()), false))
                    .append("</tr>\n");
        }
        String body = "<p>The newest " + DashboardData.JOBS + " executions, newest first (see: jobs show ID for one in "
                + "detail). Times are the database's local time, as <code>jobs list</code> shows them.</p>\n"
                + Layout.table("jobs", HEADER, NUMERIC, rows);
        return Layout.page("Jobs", "/jobs", body, footer);
    }
}
