package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start records its job instance and execution together: a start that fails between the two rows (a
 * full disk, a busy database, a killed process) leaves nothing behind, and the same run starts next time.
 * Spring Batch 6 writes them in two transactions; an instance left without an execution could never be
 * started again ("Cannot find any job execution for job instance").
 */
class JobStartRecordTest {

    static final Path ETH_SAMPLE = Path.of("..", "samples", "binanceus-ETH-USD-5m.csv");
    static final String[] IMPORT = {"backfill", "--exchange", "file", "--file", ETH_SAMPLE.toString(), "--as",
            "binanceus", "--symbol", "ETH/USD", "--timeframe", "5m"};

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void migrate() {
        cli = new CliRun(dir);
        cli.start().close();
    }

    @Test
    void shouldLeaveNoJobInstanceWhenItsExecutionCannotBeRecorded() {
        refuseExecutions(true);

        CliRun.Result refused = cli.run(IMPORT);

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isNotZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isZero();

        refuseExecutions(false);
        CliRun.Result imported = cli.run(IMPORT);

        assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isPositive();
    }

    /** Makes the database refuse (or take again) new job executions, as a full disk or an I/O error would. */
    private void refuseExecutions(boolean refuse) {
        if (!TestDatabases.postgresql()) {
            cli.update(refuse ? "CREATE TRIGGER refuse_execution BEFORE INSERT ON BATCH_JOB_EXECUTION"
                    + " BEGIN SELECT RAISE(ABORT, 'injected: disk I/O error'); END" : "DROP TRIGGER refuse_execution");
        } else if (refuse) {
            cli.update("CREATE FUNCTION refuse_execution() RETURNS trigger LANGUAGE plpgsql"
                    + " AS $$ BEGIN RAISE EXCEPTION 'injected: disk I/O error'; END $$");
            cli.update("CREATE TRIGGER refuse_execution BEFORE INSERT ON BATCH_JOB_EXECUTION"
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_execution()");
        } else {
            cli.update("DROP TRIGGER refuse_execution ON BATCH_JOB_EXECUTION");
        }
    }

    @Test
    void shouldStartAJobInstanceAnEarlierVersionLeftWithoutExecution() {
        assertThat(cli.run(IMPORT).exitCode()).isZero();
        long stored = cli.count("SELECT COUNT(*) FROM ohlcv_data");
        // what Spring Batch 6 leaves when its process stops between the instance and the execution
        for (String table : new String[] {"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_CONTEXT"}) {
            cli.update("DELETE FROM " + table);
        }
        cli.update("DELETE FROM BATCH_STEP_EXECUTION");
        cli.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS");
        cli.update("DELETE FROM BATCH_JOB_EXECUTION");
        cli.update("DELETE FROM job_heartbeats");
        cli.update("DELETE FROM candles");
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);

        CliRun.Result again = cli.run(IMPORT);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(stored);
    }
}
