package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.maintenance.BackupService;
import dev.tradingbatch.jobs.maintenance.NewFiles;
import dev.tradingbatch.jobs.maintenance.SqliteFileRequired;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copies the live SQLite database to a new file while other processes write.",
                "The copy is one consistent snapshot, checked by opening it read-only",
                "(integrity_check, row counts)."})
class BackupCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "the copy: a new file in an existing folder")
    Path to;

    BackupCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        Path target = NewFiles.check("--to", to);
        Launcher sqliteOnly = launcher.with(Map.of(), Map.of("sqliteFileRequired", new SqliteFileRequired("backup")));
        try (ConfigurableApplicationContext ctx = sqliteOnly.start()) {
            BackupService.Backup backup = ctx.getBean(BackupService.class).backup(target);
            PrintWriter out = spec.commandLine().getOut();
            out.println("backup " + backup.database() + " -> " + to + " (" + backup.bytes() + " bytes)");
            out.println("  integrity_check ok; " + backup.counts()
                    + ", as in the database at the moment of the copy");
            return 0;
        }
    }
}
