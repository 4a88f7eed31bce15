package dev.tradingbatch.jobs.support;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.operations.ThisProcess;

import java.io.IOException;

/** Plants what a process killed in the middle of a job leaves behind: its execution STARTED, its heartbeat row. */
public final class DeadRuns {

    private DeadRuns() {
    }

    /** Marks the execution (and its steps) STARTED, run by a process of this host that has ended. */
    public static void plant(CliRun cli, long executionId) {
        leaveStarted(cli, executionId, ThisProcess.get().host(), deadPid(), System.currentTimeMillis());
    }

    public static void leaveStarted(CliRun cli, long executionId, String host, long pid, long beatAt) {
        cli.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", executionId);
        cli.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", executionId);
        cli.update("INSERT INTO job_heartbeats (job_execution_id, host, pid, process_start, beat_at) VALUES (?, ?, ?, ?, ?)",
                executionId, host, pid, 0, beatAt);
    }

    /** The pid of a process that has ended. */
    public static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
