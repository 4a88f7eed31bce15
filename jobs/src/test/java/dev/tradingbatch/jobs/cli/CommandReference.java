package dev.tradingbatch.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docs/commands.md, rendered from the picocli definitions: each command's {@code --help} text as the
 * user sees it, so the reference cannot say anything the command line does not. Building the command
 * tree starts nothing (no Spring, no database).
 */
final class CommandReference {

    /** The file this renders, relative to the repository's root. */
    static final Path FILE = Path.of("docs", "commands.md");

    /** The one command that regenerates the file after a command changed. */
    static final String REGENERATE = "./mvnw -B -pl jobs -am test -Dtest=CommandReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true";

    /** Columns of the usage help: what {@code --help} prints (picocli's default), whatever terminal runs the build. */
    private static final int WIDTH = 80;

    private CommandReference() {
    }

    /** Every command and subcommand of the application, depth first, the root first. */
    static List<CommandLine> commands() {
        CommandLine root = Cli.commandLine(new Launcher(Map.of(), Map.of()));
        root.setUsageHelpWidth(WIDTH);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().helpCommand() && !into.contains(sub)) {
                collect(sub, into);
            }
        }
    }

    /** The Markdown text of docs/commands.md. */
    static String markdown() {
        List<CommandLine> commands = commands();
        StringBuilder md = new StringBuilder();
        md.append("# Command reference\n\n");
        md.append("<!-- Generated from the picocli definitions in jobs/src/main/java/dev/tradingbatch/jobs/cli by\n");
        md.append("     CommandReferenceTest: do not edit. Regenerate after changing a command:\n");
        md.append("     ").append(REGENERATE).append(" -->\n\n");
        md.append("Every command runs as `java -jar jobs/target/trading-batch.jar <command> [options]` and prints this\n");
        md.append("text with `--help`. What the commands do, with examples of their output:\n");
        md.append("[market data](market-data.md), [strategies](strategies.md), [deployment](deployment.md),\n");
        md.append("[operations](operations.md); the settings they read: [configuration](configuration.md).\n\n");
        md.append("| command | what it does |\n| --- | --- |\n");
        for (CommandLine c : commands.subList(1, commands.size())) {
            md.append("| [`").append(path(c)).append("`](#").append(anchor(c)).append(") | ")
                    .append(summary(c)).append(" |\n");
        }
        for (CommandLine c : commands) {
            md.append("\n## `").append(path(c)).append("`\n\n```text\n")
                    .append(c.getUsageMessage(Ansi.OFF).replace("\r\n", "\n").stripTrailing())
                    .append("\n```\n");
        }
        return md.toString();
    }

    /** The first line of a command's description: the summary {@code --help} lists it with. */
    static String summary(CommandLine command) {
        String[] description = command.getCommandSpec().usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    /** The command as typed after the jar: {@code jobs list}; the root is {@code trading-batch}. */
    static String path(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        return command.getParent() == null ? qualified : qualified.substring(qualified.indexOf(' ') + 1);
    }

    /** GitHub's anchor for the heading {@code ## `jobs list`}. */
    private static String anchor(CommandLine command) {
        return path(command).replace(' ', '-');
    }

    /** The repository's root, found from the folder the tests run in. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jobs/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no jobs/pom.xml above " + Path.of("").toAbsolutePath());
    }

    /** Writes the rendering to {@code file}. */
    static void write(Path file) throws IOException {
        Files.writeString(file, markdown());
    }
}
