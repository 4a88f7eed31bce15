package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.operations.ExecutionText;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /jobs}: the newest job executions with their status and exit message, as {@code jobs list} prints them. */
final class JobsPage {

    private static final List<String> HEADER =
            List.of("ID", "JOB", "STATUS", "STARTED", "DURATION", "PARAMETERS", "EXIT MESSAGE");
    private static final List<Boolean> NUMERIC = List.of(true, false, false, false, true, false, false);

    /** What jobs restart restarts (one left STARTED by a dead process is marked FAILED first, then shown so). */
    private static final Set<BatchStatus> RESTARTABLE =
            EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.UNKNOWN);

    private JobsPage() {
    }

    static String render(List<JobExecution> executions, String footer) {
        return render(executions, footer, Viewer.READ_ONLY);
    }

    /**
     * With a signed-in user (actions on): a restart button on each FAILED, STOPPED or UNKNOWN execution that is the
     * newest of its job instance.
     */
    static String render(List<JobExecution> executions, String footer, Viewer viewer) {
        if (executions.isEmpty()) {
            return Layout.page("Jobs", "/jobs", "<p class=\"none\">no job executions recorded yet</p>", footer, viewer);
        }
        List<String> header = new ArrayList<>(HEADER);
        List<Boolean> numeric = new ArrayList<>(NUMERIC);
        if (viewer.canAct()) {
            header.add("ACTION");
            numeric.add(false);
        }
        // an instance's newest execution listed: the one a restart would restart (older ones were restarted already)
        Map<Long, Long> newest = new HashMap<>();
        executions.forEach(e -> newest.merge(e.getJobInstance().getInstanceId(), e.getId(), Math::max));
        StringBuilder rows = new StringBuilder();
        for (JobExecution e : executions) {
            String status = e.getStatus().toString();
            rows.append("<tr class=\"").append(status.toLowerCase(Locale.ROOT)).append("\">")
                    .append(Layout.cell(String.valueOf(e.getId()), true))
                    .append(Layout.cell(e.getJobInstance().getJobName(), false)).append(Layout.cell(status, false))
                    .append(Layout.cell(ExecutionText.time(e.getStartTime()), false))
                    .append(Layout.cell(ExecutionText.duration(e).strip(), true))
                    .append(Layout.cell(ExecutionText.parameters(e.getJobParameters()), false))
                    .append(Layout.cell(ExecutionText.firstLine(e.getExitStatus().getExitDescription()), false));
            if (viewer.canAct()) {
                rows.append("<td>").append(RESTARTABLE.contains(e.getStatus())
                        && newest.get(e.getJobInstance().getInstanceId()) == e.getId()
                        ? viewer.form("/jobs/" + e.getId() + "/restart", "act restart", "", "restart") : "")
                        .append("</td>");
            }
            rows.append("</tr>\n");
        }
        String body = "<p>The newest " + DashboardData.JOBS + " executions, newest first (see: jobs show ID for one in "
                + "detail). Times are the database's local time, as <code>jobs list</code> shows them.</p>\n"
                + Layout.table("jobs", header, numeric, rows);
        return Layout.page("Jobs", "/jobs", body, footer, viewer);
    }
}
