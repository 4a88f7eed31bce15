package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.operations.JobsService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Lists, shows, restarts, stops and abandons recorded job executions.",
                "An execution left STARTED by a process that is gone is marked FAILED first,",
                "with a message saying so."},
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Restart.class,
                JobsCommand.Stop.class, JobsCommand.Abandon.class})
class JobsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "jobs needs a subcommand: list, show, restart, stop or abandon");
    }

    /**
     * Runs one JobsService call in a started application, after saying which executions of dead processes were
     * marked FAILED (before the call, so that they are told even when the call is refused as bad input).
     */
    abstract static class JobsSubcommand implements java.util.concurrent.Callable<Integer> {
        private final Launcher launcher;

        @Spec
        CommandSpec spec;

        JobsSubcommand(Launcher launcher) {
            this.launcher = launcher;
        }

        /** Prints what {@code action} returned as {@code text} says; exit code 0 when {@code ok}, else 1. */
        <R> int with(Function<JobsService, R> action, Function<R, List<String>> text, Predicate<R> ok) {
            try (ConfigurableApplicationContext ctx = launcher.start()) {
                JobsService jobs = ctx.getBean(JobsService.class);
                PrintWriter out = spec.commandLine().getOut();
                jobs.recoverStale().forEach(r -> out.println(RunText.recovered(r)));
                R result = action.apply(jobs);
                text.apply(result).forEach(out::println);
                return ok.test(result) ? 0 : 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Recorded executions, newest first.")
    static class ListJobs extends JobsSubcommand {
        @Option(names = "--status", paramLabel = "STATUS",
                description = "only COMPLETED, FAILED, STARTED, STOPPING, STOPPED or ABANDONED executions")
        String status;

        @Option(names = "--job", paramLabel = "NAME", description = "only this job: backfill, fill-gaps, or a full job name")
        String job;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N executions (default 20)")
        int limit;

        ListJobs(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
            }
            return with(jobs -> jobs.list(status, job, limit), JobsText::listing, listing -> true);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One execution: parameters, status, each step's counts, exit message.")
    static class Show extends JobsSubcommand {
        @Parameters(paramLabel = "EXECUTION_ID")
        long id;

        Show(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() {
            return with(jobs -> jobs.show(id), JobsText::detail, detail -> true);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restarts a FAILED or STOPPED execution where it stopped, in this process.")
    static class Restart extends JobsSubcommand {
        @Parameters(paramLabel = "EXECUTION_ID")
        long id;

        Restart(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() {
            return with(jobs -> jobs.restart(id), JobsText::restarted, JobsService.Restarted::completed);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Asks a running execution (in any process) to stop at its next chunk boundary.")
    static class Stop extends JobsSubcommand {
        @Parameters(paramLabel = "EXECUTION_ID")
        long id;

        Stop(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() {
            return with(jobs -> jobs.stop(id), JobsText::stopping, stopped -> true);
        }
    }

    @Command(name = "abandon", mixinStandardHelpOptions = true,
            description = "Marks a FAILED, STOPPED or UNKNOWN execution ABANDONED so it is never restarted.")
    static class Abandon extends JobsSubcommand {
        @Parameters(paramLabel = "EXECUTION_ID")
        long id;

        Abandon(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() {
            return with(jobs -> jobs.abandon(id), JobsText::abandoned, abandoned -> true);
        }
    }
}
