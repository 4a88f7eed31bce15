package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.DatabaseCorrupt;
import dev.tradingbatch.db.DatabaseUnavailableException;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code java -jar trading-batch.jar <command> [options]}. Exit codes: 0 done, 1 a job or the
 * service failed, 2 bad input (the message names the value; nothing was written).
 */
@Command(name = "trading-batch", mixinStandardHelpOptions = true, version = "trading-batch 0.1.0",
        description = "Backfills OHLCV candles into one database and runs trading strategies on them.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done",
                "1:a job or the service failed: its message is printed, and the run is recorded so that the same command "
                        + "continues it",
                "2:bad input: one line 'error: ...' naming the value, and nothing is written"},
        subcommands = {BackfillCommand.class, MarketsCommand.class, GapsCommand.class, EvaluateCommand.class,
                ReplayCommand.class, OptimizeCommand.class, ReportCommand.class, CheckCommand.class, DriftCommand.class,
                StrategiesCommand.class, JobsCommand.class, RunCommand.class, ScheduleCommand.class,
                HealthCommand.class, BackupCommand.class, ArchiveCommand.class, DemoCommand.class,
                AccountsCommand.class, HaltCommand.class, ResumeCommand.class, OrdersCommand.class,
                PositionsCommand.class, ReconcileCommand.class, VerifyCommand.class, DashboardCommand.class,
                AlertsCommand.class,
                CommandLine.HelpCommand.class})
public class Cli implements Runnable {

    public static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, Map.of(), Map.of(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line; {@code properties} override configuration and {@code beans} replace the
     * application's own of the same type (tests give a fixed clock, a sleeper that only records).
     */
    public static int execute(String[] args, Map<String, Object> properties, Map<String, Object> beans,
                              PrintWriter out, PrintWriter err) {
        Launcher launcher = new Launcher(properties, beans);
        CommandLine cmd = commandLine(launcher);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            Throwable cause = badInput(e, launcher);
            if (cause != null) {
                err.println("error: " + cause.getMessage());
                return BAD_INPUT;
            }
            err.println("failed: " + Failures.message(e));
            return 1;
        });
        return cmd.execute(args);
    }

    /**
     * The command tree, each command given {@code launcher}; nothing starts until a command runs, so the
     * command reference (docs/commands.md) is rendered from this without a database.
     */
    static CommandLine commandLine(Launcher launcher) {
        CommandLine cmd = new CommandLine(new Cli(), new Factory(launcher));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /**
     * The bad input or unusable database behind a failure, if that is what it was: a database file found damaged
     * part-way through a command is named (the one the launcher last started on), with what to do.
     */
    private static Throwable badInput(Throwable e, Launcher launcher) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof DatabaseUnavailableException) {
                return t;
            }
            if (t instanceof SQLException sql && DatabaseCorrupt.causedBy(sql)) {
                String url = launcher.databaseUrl().orElse("(spring.datasource.url)");
                return new DatabaseUnavailableException(DatabaseCorrupt.message(url.replaceFirst("\\?.*", ""),
                        SqliteUrls.isSqlite(url) ? SqliteUrls.file(url) : null), sql);
            }
            if (t instanceof SQLException sql && isUnopenable(sql)) {
                return new DatabaseUnavailableException("cannot open database: " + sql.getMessage(), sql);
            }
        }
        return null;
    }

    private static boolean isUnopenable(SQLException e) {
        String m = String.valueOf(e.getMessage());
        String state = String.valueOf(e.getSQLState());
        return m.contains("SQLITE_CANTOPEN") || m.contains("SQLITE_READONLY") || m.contains("SQLITE_NOTADB")
                || m.contains("SQLITE_PERM") || m.contains("Connection refused")
                // PostgreSQL: no connection (08), no such database (3D000), authentication refused (28)
                || state.startsWith("08") || state.equals("3D000") || state.startsWith("28");
    }

    /** Gives every command that takes a {@link Launcher} in its constructor the launcher; picocli creates the rest. */
    private record Factory(Launcher launcher) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(Launcher.class);
                constructor.setAccessible(true);
                return constructor.newInstance(launcher);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
